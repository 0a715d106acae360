-- Unfolds a run's deadline: the one member ID|ENTRY|gFIRST-LAST|1 that stood for the first attempts
-- of jobs FIRST .. LAST dispatched together becomes one member per attempt still current, at the
-- run's deadline (an attempt's own member is kept as it is), so the watchdog then times each out alone.
-- KEYS[1] the entry hash, KEYS[2] the workflow's deadline set
-- ARGV[1] the run's member, ARGV[2] the attempts' member prefix "ID|ENTRY|", ARGV[3] FIRST,
-- ARGV[4] LAST
-- Returns the members it added.
local score = redis.call('ZSCORE', KEYS[2], ARGV[1])
if not score then
  return {}
end
redis.call('ZREM', KEYS[2], ARGV[1])
local key = job_keys(KEYS[1])
local added = {}
for i = tonumber(ARGV[3]), tonumber(ARGV[4]) do
  if redis.call('HGET', key(i), JOB_STATE .. i) == READY .. '1' then
    local member = ARGV[2] .. i .. '|1'
    if not redis.call('ZSCORE', KEYS[2], member) then
      redis.call('ZADD', KEYS[2], score, member)
    end
    added[#added + 1] = member
  end
end
return added
