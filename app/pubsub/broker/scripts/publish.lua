-- Publish messages of one topic: number them, frame them, send them, keep them.
-- The same rules as app/pubsub/topic_log.py, atomically, so every worker sees one sequence.
--
-- KEYS[1]  <prefix>{<topic>}:meta   hash: epoch, seq (last assigned), trimmed (highest seq
--                                   dropped for space), key (newest kept key)
-- KEYS[2]  <prefix>{<topic>}:log    sorted set of frames scored by seq
-- ARGV[1]  the channel, <prefix>{<topic>}
-- ARGV[2]  the family's update message type, e.g. bars.update
-- ARGV[3]  the topic, e.g. bars:AAPL:1
-- ARGV[4]  an epoch to start with if the topic has none: 1-32 of [A-Za-z0-9_-], random
-- ARGV[5]  how many messages to keep (the family's history)
-- ARGV[6]  seconds the topic's state lives after this call
-- ARGV[7]  keep mode: keyed (one message per key, keys rising), latest (only the newest), stream (all)
-- ARGV[8]  1: publish each message; 0: only keep it (history backfill; numbers only kept ones)
-- ARGV[9..] pairs: the message's key (an integer; empty unless keyed), its payload JSON
-- Returns {epoch, seq of the last message}.
local meta, log = KEYS[1], KEYS[2]
local function usable(key, kind)
  local found = redis.call('TYPE', key).ok
  return found == kind or found == 'none'
end
if not (usable(meta, 'hash') and usable(log, 'zset')) then
  redis.call('DEL', meta, log) -- overwritten by something else: the stream starts again
end
local channel, kind, topic = ARGV[1], ARGV[2], ARGV[3]
local capacity, ttl, mode, deliver = tonumber(ARGV[5]), tonumber(ARGV[6]), ARGV[7], ARGV[8] == '1'
local state = redis.call('HMGET', meta, 'epoch', 'seq', 'trimmed', 'key')
local epoch, seq, trimmed, newest = state[1], tonumber(state[2]) or 0, tonumber(state[3]) or 0, tonumber(state[4])
if not epoch then
  epoch, seq, trimmed, newest = ARGV[4], 0, 0, nil
  redis.call('DEL', log) -- left from a stream whose state expired: it numbered other messages
end
local head = '{"type":"' .. kind .. '","topic":"' .. topic .. '","epoch":"' .. epoch .. '","seq":'
for i = 9, #ARGV, 2 do
  local key = tonumber(ARGV[i])
  local kept = mode ~= 'keyed' or (key ~= nil and (newest == nil or key >= newest))
  if deliver or kept then
    seq = seq + 1
    local frame = head .. string.format('%d', seq) .. ',"payload":' .. ARGV[i + 1] .. '}'
    if deliver then
      redis.call('PUBLISH', channel, frame)
    end
    if kept then
      if mode == 'latest' then
        redis.call('DEL', log)
      elseif mode == 'keyed' and key == newest then
        redis.call('ZREMRANGEBYRANK', log, -1, -1)
      end
      redis.call('ZADD', log, seq, frame)
      if mode == 'keyed' then
        newest = key
      end
    end
  end
end
local size = redis.call('ZCARD', log)
if size > capacity then
  local last_dropped = size - capacity - 1
  trimmed = tonumber(redis.call('ZRANGE', log, last_dropped, last_dropped, 'WITHSCORES')[2])
  redis.call('ZREMRANGEBYRANK', log, 0, last_dropped)
end
redis.call('HSET', meta, 'epoch', epoch, 'seq', string.format('%d', seq), 'trimmed', string.format('%d', trimmed),
  'key', newest and string.format('%d', newest) or '')
redis.call('EXPIRE', meta, ttl)
redis.call('EXPIRE', log, ttl)
return {epoch, seq}
