-- Removes a schedule, its firings and its name: one step, one slot.
-- KEYS[1] the names set, KEYS[2] the schedule hash, KEYS[3] its firings; ARGV[1] the name.
local existed = redis.call('EXISTS', KEYS[2])
redis.call('DEL', KEYS[2], KEYS[3])
local named = redis.call('SREM', KEYS[1], ARGV[1])
if existed + named > 0 then
  return DONE
end
return NOT_DONE
