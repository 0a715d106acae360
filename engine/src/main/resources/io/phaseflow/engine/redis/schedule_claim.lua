-- Claims a tick of a schedule: a compare-and-set of its last tick, so that of all the engines
-- that find the tick due, exactly one wins; the winner's firing is recorded in the same step.
-- KEYS[1] the schedule hash, KEYS[2] its firings
-- ARGV[1] the tick (epoch ms), ARGV[2] the firing (a JSON line), ARGV[3] its outcome letter,
-- ARGV[4] the workflow (fired), ARGV[5] how many firings to keep
if redis.call('EXISTS', KEYS[1]) == 0 then
  return SCHEDULE_GONE
end
local tick = tonumber(ARGV[1])
local last = tonumber(redis.call('HGET', KEYS[1], SC_LAST_TICK) or '0')
if last >= tick then
  return DUPLICATE
end
redis.call('HSET', KEYS[1], SC_LAST_TICK, ARGV[1])
if ARGV[3] == SC_FIRED then
  redis.call('HSET', KEYS[1], SC_LAST_WORKFLOW, ARGV[4])
else
  redis.call('HINCRBY', KEYS[1], SC_SKIPPED, 1)
end
redis.call('LPUSH', KEYS[2], ARGV[2])
redis.call('LTRIM', KEYS[2], 0, tonumber(ARGV[5]) - 1)
return RECORDED
