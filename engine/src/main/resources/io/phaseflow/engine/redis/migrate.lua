-- Moves one workflow of layout format 1 (keys PREFIX:{ID}, PREFIX:{ID}:h, PREFIX:{ID}:e:N, index
-- outside the slot) into format 2 and files it in its shard's index. The RENAMEs cross slots:
-- format 1 only ever ran on a standalone Redis, where that is allowed. A RENAME keeps the TTL of a
-- finished workflow. Safe to repeat: a workflow already moved has no old hash.
-- KEYS[1] old workflow hash, KEYS[2] new workflow hash, KEYS[3] the shard's definitions set
-- ARGV[1] workflow id, ARGV[2 ..] status letter, index set without definition, pairs
-- Returns DONE when it moved the workflow, NOT_DONE when there was nothing to move.
local wf = redis.call('HMGET', KEYS[1], WF_STATUS, WF_ENTRY, WF_DEFINITION, WF_CREATED)
if not wf[1] then
  return NOT_DONE
end
for n = 1, tonumber(wf[2]) do
  local old = KEYS[1] .. KEY_ENTRY .. n
  if redis.call('EXISTS', old) == 1 then
    redis.call('RENAME', old, KEYS[2] .. KEY_ENTRY .. n)
  end
end
if redis.call('EXISTS', KEYS[1] .. KEY_HISTORY) == 1 then
  redis.call('RENAME', KEYS[1] .. KEY_HISTORY, KEYS[2] .. KEY_HISTORY)
end
redis.call('RENAME', KEYS[1], KEYS[2])
local member = string.format(LISTING_KEY, tonumber(wf[4]), ARGV[1])
for i = 2, #ARGV, 2 do
  if ARGV[i] == wf[1] then
    redis.call('ZADD', ARGV[i + 1] .. wf[3], 0, member)
  end
end
redis.call('SADD', KEYS[3], wf[3])
return DONE
