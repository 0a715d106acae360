-- Puts a current attempt its handler's limit deferred back in the due set, without a deadline: the
-- same attempt, no retry counted; release.lua takes it when it is due.
-- KEYS[1] the entry hash, KEYS[2] the shard's due set, KEYS[3] the workflow's deadline set
-- ARGV[1] member, ARGV[2] job index, ARGV[3] attempt, ARGV[4] due time (ms)
local key = job_keys(KEYS[1])
if redis.call('HGET', key(ARGV[2]), JOB_STATE .. ARGV[2]) ~= READY .. ARGV[3] then
  return NOT_DONE
end
redis.call('ZREM', KEYS[3], ARGV[1])
redis.call('ZADD', KEYS[2], ARGV[4], ARGV[1])
return DONE
