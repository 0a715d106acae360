-- Starts the next attempt of a ready job, compare-and-set on its current attempt.
-- KEYS[1] the entry hash; ARGV[1] job index, ARGV[2] the failed attempt.
-- Returns 1 when the attempt moved on, 0 otherwise (a duplicate or late failure).
local field = 's' .. ARGV[1]
if redis.call('HGET', KEYS[1], field) ~= 'R' .. ARGV[2] then
  return 0
end
redis.call('HSET', KEYS[1], field, 'R' .. (tonumber(ARGV[2]) + 1))
return 1
