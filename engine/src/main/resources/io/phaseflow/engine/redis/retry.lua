-- Starts the next attempt of a ready job, compare-and-set on its current attempt.
-- KEYS[1] the entry hash; ARGV[1] job index, ARGV[2] the failed attempt.
-- Returns DONE when the attempt moved on, NOT_DONE otherwise (a duplicate or late failure).
local field = JOB_STATE .. ARGV[1]
if redis.call('HGET', KEYS[1], field) ~= READY .. ARGV[2] then
  return NOT_DONE
end
redis.call('HSET', KEYS[1], field, READY .. (tonumber(ARGV[2]) + 1))
return DONE
