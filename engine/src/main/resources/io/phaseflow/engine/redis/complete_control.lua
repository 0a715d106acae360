-- Wraps complete.lua (run above as record_completion) with the workflow's control status; the
-- workflow hash is the last key. A canceled workflow drops late results and changes nothing; a
-- paused one records them but holds the jobs they make ready (JOB_HELD) until resume releases
-- them, so no job is dispatched while paused.
local control = redis.call('HGET', KEYS[#KEYS], WF_STATUS)
if control == WF_CANCELED then
  return {DROPPED, NO}
end
local result = record_completion()
if result[1] == EXPAND then
  return result
end
if control == WF_PAUSED and #result > 2 then
  local key = job_keys(KEYS[1])
  for i = 3, #result, 2 do
    redis.call('HSET', key(result[i]), JOB_HELD .. result[i], YES)
  end
  result = {result[1], result[2]}
end
return result
