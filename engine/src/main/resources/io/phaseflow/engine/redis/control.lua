-- A person's pause, resume or cancel, compare-and-set on the workflow's status and current entry.
-- Every key is in the workflow's shard.
-- KEYS[1] workflow hash, KEYS[2] history list, KEYS[3] the expected current entry's hash
-- ARGV[1] the status letters the action applies to, e.g. 'RP', ARGV[2] the new status letter,
-- ARGV[3] expected entry, ARGV[4] history line (JSON), ARGV[5] time (ms), ARGV[6] YES to release
-- the jobs a pause held (resume), ARGV[7] retention in seconds when the new status ends the
-- workflow, '0' when it does not, ARGV[8] entry key without number, ARGV[9] workflow id,
-- ARGV[10] the new status's index set without definition, ARGV[11] oldest listing key kept in it,
-- ARGV[12 ..] the index set without definition of each letter of ARGV[1], in order.
-- Returns {code, status letter, entry, closed, released index, released spec, ...}: code
-- CONTROL_APPLIED, CONTROL_REFUSED (status found), CONTROL_MOVED (entry found) or CONTROL_MISSING.
local wf = redis.call('HMGET', KEYS[1], WF_STATUS, WF_ENTRY, WF_DEFINITION, WF_CREATED)
if not wf[1] then
  return {CONTROL_MISSING, '', '0', NO}
end
local from = string.find(ARGV[1], wf[1], 1, true)
if not from then
  return {CONTROL_REFUSED, wf[1], wf[2], NO}
end
if wf[2] ~= ARGV[3] then
  return {CONTROL_MOVED, wf[1], wf[2], NO}
end
local e = KEYS[3]
local key = job_keys(e)
local c = redis.call('HGET', e, E_CLOSED)
local closed = NO
if c and tonumber(c) ~= 0 then closed = YES end
local result = {CONTROL_APPLIED, ARGV[2], wf[2], closed}
if ARGV[6] == YES then
  local n = tonumber(redis.call('HGET', e, E_COUNT) or '0')
  for i = 0, n - 1 do
    if redis.call('HDEL', key(i), JOB_HELD .. i) == 1 then
      local s = redis.call('HGET', key(i), JOB_STATE .. i)
      if string.sub(s, 1, 1) == READY then
        -- With its state: a held retry is ready at a later attempt than the first.
        result[#result + 1] = tostring(i)
        result[#result + 1] = redis.call('HGET', key(i), JOB_SPEC .. i)
        result[#result + 1] = s
      end
    end
  end
end
redis.call('RPUSH', KEYS[2], ARGV[4])
redis.call('HSET', KEYS[1], WF_STATUS, ARGV[2], WF_UPDATED, ARGV[5])
local ttl = tonumber(ARGV[7])
if ttl > 0 then
  -- An ended workflow keeps its keys for the retention period only, all of them.
  redis.call('EXPIRE', KEYS[1], ttl)
  redis.call('EXPIRE', KEYS[2], ttl)
  for n = 1, tonumber(wf[2]) do
    for _, k in ipairs(entry_keys(ARGV[8] .. n)) do redis.call('EXPIRE', k, ttl) end
  end
end
local member = string.format(LISTING_KEY, tonumber(wf[4]), ARGV[9])
redis.call('ZREM', ARGV[11 + from] .. wf[3], member)
local set = ARGV[10] .. wf[3]
redis.call('ZADD', set, 0, member)
if ttl > 0 then
  redis.call('ZREMRANGEBYLEX', set, '-', '(' .. ARGV[11])
end
return result
