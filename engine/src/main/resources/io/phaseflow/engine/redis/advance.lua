-- Moves a workflow on, compare-and-set on its current entry. Every key is in the workflow's shard.
-- KEYS[1] workflow hash, KEYS[2] history list, KEYS[3] the next entry's hash (any key of the
-- workflow when finishing).
-- ARGV[1] expected entry, ARGV[2] history record (JSON), ARGV[3] YES to finish, NO to enter,
-- ARGV[4] YES if this move takes an error edge, ARGV[5] time (ms)
-- enter:  ARGV[6] phase, ARGV[7] next entry number, ARGV[8..] the new entry's field, value pairs
-- finish: ARGV[6] final status, ARGV[7] retention in seconds, ARGV[8] entry key without number,
--         ARGV[9] workflow id, ARGV[10] running index set without definition, ARGV[11] final
--         status index set without definition, ARGV[12] oldest listing key kept in it
-- Returns DONE when it moved, NOT_DONE when the workflow is not running at the expected entry.
local wf = redis.call('HMGET', KEYS[1], WF_STATUS, WF_ENTRY, WF_DEFINITION, WF_CREATED)
if wf[1] ~= WF_RUNNING or wf[2] ~= ARGV[1] then
  return NOT_DONE
end
-- The start (entry 0 -> 1) is not stored: it is read back from the workflow's creation time and
-- its first entry, which saves a whole key per workflow that has not moved yet.
if tonumber(ARGV[1]) ~= 0 then
  redis.call('RPUSH', KEYS[2], ARGV[2])
end
if ARGV[4] == YES then
  redis.call('HSET', KEYS[1], WF_VIA_ERROR, YES)
end
if ARGV[3] == NO then
  redis.call('HSET', KEYS[3], unpack(ARGV, 8))
  -- Its staged pages (see EntryWriter) are the entry's now: they no longer expire.
  for _, k in ipairs(entry_keys(KEYS[3])) do
    if k ~= KEYS[3] then redis.call('PERSIST', k) end
  end
  redis.call('HSET', KEYS[1], WF_PHASE, ARGV[6], WF_ENTRY, ARGV[7], WF_UPDATED, ARGV[5])
  return DONE
end
redis.call('HSET', KEYS[1], WF_STATUS, ARGV[6], WF_UPDATED, ARGV[5])
-- A finished workflow keeps its keys for the retention period only, all of them.
local ttl = tonumber(ARGV[7])
redis.call('EXPIRE', KEYS[1], ttl)
redis.call('EXPIRE', KEYS[2], ttl)
for n = 1, tonumber(wf[2]) do
  for _, k in ipairs(entry_keys(ARGV[8] .. n)) do redis.call('EXPIRE', k, ttl) end
end
-- The listing index moves in the same step, so no crash can leave it behind the workflow; members
-- created longer ago than the retention are trimmed here (their workflows are expiring).
local member = string.format(LISTING_KEY, tonumber(wf[4]), ARGV[9])
redis.call('ZREM', ARGV[10] .. wf[3], member)
local set = ARGV[11] .. wf[3]
redis.call('ZADD', set, 0, member)
redis.call('ZREMRANGEBYLEX', set, '-', '(' .. ARGV[12])
return DONE
