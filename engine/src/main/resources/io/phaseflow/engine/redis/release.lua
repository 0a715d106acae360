-- Takes a retry whose backoff ended out of the due set and arms its deadline, compare-and-set on
-- the attempt: of any number of watchdogs racing, one gets DONE and dispatches the job.
-- KEYS[1] the entry hash, KEYS[2] the shard's due set, KEYS[3] the workflow's deadline set,
-- KEYS[4] the workflow hash
-- ARGV[1] member, ARGV[2] job index, ARGV[3] attempt, ARGV[4] now (ms), ARGV[5] deadline (ms)
local key = job_keys(KEYS[1])
local due = redis.call('ZSCORE', KEYS[2], ARGV[1])
if not due or tonumber(due) > tonumber(ARGV[4]) then
  return NOT_DONE
end
redis.call('ZREM', KEYS[2], ARGV[1])
if redis.call('HGET', key(ARGV[2]), JOB_STATE .. ARGV[2]) ~= READY .. ARGV[3] then
  return NOT_DONE
end
-- A paused workflow dispatches nothing: the retry is held like a job a completion made ready,
-- and the resume releases it with the others (left due, it would be read again every pass).
if redis.call('HGET', KEYS[4], WF_STATUS) == WF_PAUSED then
  redis.call('HSET', key(ARGV[2]), JOB_HELD .. ARGV[2], YES)
  return NOT_DONE
end
redis.call('ZADD', KEYS[3], ARGV[5], ARGV[1])
return DONE
