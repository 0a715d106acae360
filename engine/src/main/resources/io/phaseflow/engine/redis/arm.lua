-- Sets the deadlines of dispatched attempts, each only while its attempt is current.
-- KEYS[1] the entry hash, KEYS[2] the workflow's deadline set
-- ARGV[1] the attempts' member prefix "ID|ENTRY|", then job index, attempt, deadline (ms) triples;
-- a job index DEADLINE_RUN .. 'FIRST-LAST' (attempt 1) is one deadline for the first attempts of
-- those jobs, set as it is: unfold.lua checks each attempt when the deadline comes.
-- Returns how many were set.
local key = job_keys(KEYS[1])
local set = 0
for i = 2, #ARGV, 3 do
  if string.sub(ARGV[i], 1, 1) == DEADLINE_RUN
      or redis.call('HGET', key(ARGV[i]), JOB_STATE .. ARGV[i]) == READY .. ARGV[i + 1] then
    redis.call('ZADD', KEYS[2], ARGV[i + 2], ARGV[1] .. ARGV[i] .. '|' .. ARGV[i + 1])
    set = set + 1
  end
end
return set
