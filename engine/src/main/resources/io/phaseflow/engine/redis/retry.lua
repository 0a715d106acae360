-- Starts the next attempt of a ready job, compare-and-set on its current attempt.
-- KEYS[1] the entry hash; ARGV[1] job index, ARGV[2] the failed attempt.
-- With KEYS[2] the workflow's deadline set and KEYS[3] its shard's due set, ARGV[3] the attempts' member
-- prefix "ID|ENTRY|JOB|" and ARGV[4] when the next attempt is due (ms): the failed attempt's
-- deadline goes (whatever the outcome: it is not current either way) and the next one waits in the
-- due set. ARGV[5], the failed attempt's details as a JSON array, is appended to the job's
-- JOB_RETRIED field (comma-separated, oldest first).
-- Returns DONE when the attempt moved on, NOT_DONE otherwise (a duplicate or late failure).
if KEYS[2] then
  redis.call('ZREM', KEYS[2], ARGV[3] .. ARGV[2])
end
local key = job_keys(KEYS[1])
local field = JOB_STATE .. ARGV[1]
if redis.call('HGET', key(ARGV[1]), field) ~= READY .. ARGV[2] then
  return NOT_DONE
end
local next = tonumber(ARGV[2]) + 1
redis.call('HSET', key(ARGV[1]), field, READY .. next)
if KEYS[3] then
  redis.call('ZADD', KEYS[3], ARGV[4], ARGV[3] .. next)
end
if ARGV[5] then
  local kept = redis.call('HGET', key(ARGV[1]), JOB_RETRIED .. ARGV[1])
  redis.call('HSET', key(ARGV[1]), JOB_RETRIED .. ARGV[1], kept and (kept .. ',' .. ARGV[5]) or ARGV[5])
end
return DONE
