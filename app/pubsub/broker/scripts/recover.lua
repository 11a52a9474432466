-- Where a topic stands, and what a client at a position missed (read by every worker).
--
-- KEYS[1]  <prefix>{<topic>}:meta, KEYS[2] <prefix>{<topic>}:log (as in publish.lua)
-- ARGV[1]  an epoch to start with if the topic has none (so positions hold from the first subscribe)
-- ARGV[2]  seconds a newly started topic's state lives
-- ARGV[3]  the client's last seq, or empty; ARGV[4] its epoch
-- Returns {epoch, seq, trimmed, recovered (1/0), frames}: with recovered = 1 every kept frame
-- after the client's seq, oldest first; else the newest kept frame, if any.
local meta, log = KEYS[1], KEYS[2]
local function usable(key, kind)
  local found = redis.call('TYPE', key).ok
  return found == kind or found == 'none'
end
if not (usable(meta, 'hash') and usable(log, 'zset')) then
  redis.call('DEL', meta, log) -- overwritten by something else: the stream starts again
end
local state = redis.call('HMGET', meta, 'epoch', 'seq', 'trimmed')
local epoch = state[1]
if not epoch then
  epoch = ARGV[1]
  redis.call('DEL', log)
  redis.call('HSET', meta, 'epoch', epoch, 'seq', '0', 'trimmed', '0', 'key', '')
  redis.call('EXPIRE', meta, tonumber(ARGV[2]))
  return {epoch, 0, 0, 0, {}}
end
local seq, trimmed = tonumber(state[2]) or 0, tonumber(state[3]) or 0
local since = tonumber(ARGV[3])
if since ~= nil and ARGV[4] == epoch and since >= trimmed and since <= seq then
  return {epoch, seq, trimmed, 1, redis.call('ZRANGEBYSCORE', log, '(' .. string.format('%d', since), '+inf')}
end
return {epoch, seq, trimmed, 0, redis.call('ZRANGE', log, -1, -1)}
