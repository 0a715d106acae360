-- Records the end of one attempt of a job of an entry.
-- KEYS[1] the entry hash
-- ARGV[1] job index, ARGV[2] attempt, ARGV[3] '1' ok / '0' failed, ARGV[4] output JSON or error,
-- ARGV[5] time (ms), ARGV[6] the job's label for the entry's first error, e.g. "job 3 (Resize)"
-- Returns {outcome, closed, ready index, ready spec, ...}: outcome 'R' recorded, 'D' duplicate,
-- 'S' stale; closed '1' when the entry is closed.
-- Job state field s<i> is a status letter and the attempt: W(aiting) R(eady) S(ucceeded) F(ailed)
-- K (skipped); q<i> counts a waiting job's open parents; k<i> lists a job's children.
local e = KEYS[1]
local job = ARGV[1]
local state = redis.call('HGET', e, 's' .. job)

local function closed()
  local c = redis.call('HGET', e, 'c')
  if c and c ~= '0' then return '1' end
  return '0'
end

local function children(i)
  local list = redis.call('HGET', e, 'k' .. i)
  local out = {}
  if list then
    for c in string.gmatch(list, '[^,]+') do out[#out + 1] = c end
  end
  return out
end

if not state then
  return {'S', closed()}
end
local status = string.sub(state, 1, 1)
if status == 'S' or status == 'F' or status == 'K' then
  local result = {'D', closed()}
  for _, c in ipairs(children(job)) do
    if string.sub(redis.call('HGET', e, 's' .. c), 1, 1) == 'R' then
      result[#result + 1] = c
      result[#result + 1] = redis.call('HGET', e, 'j' .. c)
    end
  end
  return result
end
if status ~= 'R' or string.sub(state, 2) ~= ARGV[2] then
  return {'S', closed()}
end

local result = {'R', '0'}
local ended = 1
if ARGV[3] == '1' then
  redis.call('HSET', e, 's' .. job, 'S' .. ARGV[2], 'o' .. job, ARGV[4])
  for _, c in ipairs(children(job)) do
    local open = redis.call('HINCRBY', e, 'q' .. c, -1)
    local cs = redis.call('HGET', e, 's' .. c)
    if open == 0 and string.sub(cs, 1, 1) == 'W' then
      redis.call('HSET', e, 's' .. c, 'R' .. string.sub(cs, 2))
      result[#result + 1] = c
      result[#result + 1] = redis.call('HGET', e, 'j' .. c)
    end
  end
else
  redis.call('HSET', e, 's' .. job, 'F' .. ARGV[2], 'x' .. job, ARGV[4])
  redis.call('HSETNX', e, 'r', ARGV[6] .. ': ' .. ARGV[4])
  -- Nothing below a failed job can run: it ends as skipped, so the barrier still reaches zero.
  local todo = children(job)
  while #todo > 0 do
    local c = table.remove(todo)
    local cs = redis.call('HGET', e, 's' .. c)
    if string.sub(cs, 1, 1) == 'W' then
      redis.call('HSET', e, 's' .. c, 'K' .. string.sub(cs, 2))
      ended = ended + 1
      for _, g in ipairs(children(c)) do todo[#todo + 1] = g end
    end
  end
end
if redis.call('HINCRBY', e, 'o', -ended) == 0 then
  redis.call('HSET', e, 'c', ARGV[5])
  result[2] = '1'
end
return result
