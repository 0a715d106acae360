-- Runs a failed workflow again in a new entry, compare-and-set on its status and current entry.
-- Every key is in the workflow's shard.
-- KEYS[1] workflow hash, KEYS[2] history list, KEYS[3] the new entry's hash
-- ARGV[1] expected entry, ARGV[2] history line (JSON), ARGV[3] time (ms), ARGV[4] phase,
-- ARGV[5] new entry number, ARGV[6] entry key without number, ARGV[7] workflow id,
-- ARGV[8] failed index set without definition, ARGV[9] running index set without definition,
-- ARGV[10 ..] the new entry's field, value pairs.
-- Returns {code, status letter, entry, NO}, code as control.lua's.
local wf = redis.call('HMGET', KEYS[1], WF_STATUS, WF_ENTRY, WF_DEFINITION, WF_CREATED)
if not wf[1] then
  return {CONTROL_MISSING, '', '0', NO}
end
if wf[1] ~= WF_FAILED then
  return {CONTROL_REFUSED, wf[1], wf[2], NO}
end
if wf[2] ~= ARGV[1] then
  return {CONTROL_MOVED, wf[1], wf[2], NO}
end
redis.call('RPUSH', KEYS[2], ARGV[2])
redis.call('HSET', KEYS[3], unpack(ARGV, 10))
-- Its staged pages (see EntryWriter) are the entry's now: they no longer expire.
for _, k in ipairs(entry_keys(KEYS[3])) do
  if k ~= KEYS[3] then redis.call('PERSIST', k) end
end
-- The error edge taken before is forgotten: the outcome depends on the path from here.
redis.call('HDEL', KEYS[1], WF_VIA_ERROR)
redis.call('HSET', KEYS[1], WF_STATUS, WF_RUNNING, WF_PHASE, ARGV[4], WF_ENTRY, ARGV[5],
  WF_UPDATED, ARGV[3])
-- Running again: nothing of it expires any more.
redis.call('PERSIST', KEYS[1])
redis.call('PERSIST', KEYS[2])
for n = 1, tonumber(wf[2]) do
  for _, k in ipairs(entry_keys(ARGV[6] .. n)) do redis.call('PERSIST', k) end
end
local member = string.format(LISTING_KEY, tonumber(wf[4]), ARGV[7])
redis.call('ZREM', ARGV[8] .. wf[3], member)
redis.call('ZADD', ARGV[9] .. wf[3], 0, member)
return {CONTROL_APPLIED, WF_RUNNING, wf[2], NO}
