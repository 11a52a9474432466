-- Publish changes of a symbol's whole book: apply them to the book Redis keeps, number them,
-- publish each as a frame that every worker turns into its depth views (app/pubsub/derived.py).
--
-- KEYS[1]  <prefix>{<source>}:meta   hash: epoch, seq (as publish.lua keeps them), time (the last change's)
-- KEYS[2]  <prefix>{<source>}:bids   hash: price without trailing zeros -> "price:size" as published
-- KEYS[3]  <prefix>{<source>}:asks   the same for the asks
-- ARGV[1]  the channel, <prefix>{<source>}
-- ARGV[2]  the frame type, orderbook.changes
-- ARGV[3]  the source topic, e.g. orderbook:AAPL
-- ARGV[4]  an epoch to start with if the book has none: 1-32 of [A-Za-z0-9_-], random
-- ARGV[5]  seconds the book lives after this call
-- ARGV[6..] each change as JSON: {"time", "bids": [[price, size], ...], "asks": [...], "replace"},
--          prices and sizes decimal strings; a size of 0 removes the level; with "replace": true
--          the change is the whole book
-- Returns {epoch, seq of the last change}.
local meta, bids, asks = KEYS[1], KEYS[2], KEYS[3]
local function usable(key, kind)
  local found = redis.call('TYPE', key).ok
  return found == kind or found == 'none'
end
if not (usable(meta, 'hash') and usable(bids, 'hash') and usable(asks, 'hash')) then
  redis.call('DEL', meta, bids, asks) -- overwritten by something else: the book starts again
end
local channel, kind, topic, ttl = ARGV[1], ARGV[2], ARGV[3], tonumber(ARGV[5])
local state = redis.call('HMGET', meta, 'epoch', 'seq', 'time')
local epoch, seq, time = state[1], tonumber(state[2]) or 0, state[3] or '0'
if not epoch then
  epoch, seq = ARGV[4], 0
  redis.call('DEL', bids, asks) -- left from a book whose state expired
end
-- 100.10 and 100.1 are one price: the field is the price without trailing zeros.
local function field(price)
  if price:find('.', 1, true) then
    price = price:gsub('0+$', ''):gsub('%.$', '')
  end
  return price
end
local function apply(key, levels)
  for _, level in ipairs(levels) do
    local price, size = level[1], level[2]
    if tonumber(size) == 0 then
      redis.call('HDEL', key, field(price))
    else
      redis.call('HSET', key, field(price), price .. ':' .. size)
    end
  end
end
local head = '{"type":"' .. kind .. '","topic":"' .. topic .. '","epoch":"' .. epoch .. '","seq":'
for i = 6, #ARGV do
  local change = cjson.decode(ARGV[i])
  if change.replace == true then
    redis.call('DEL', bids, asks) -- the change is the whole book
  end
  apply(bids, change.bids)
  apply(asks, change.asks)
  time = string.format('%d', change.time)
  seq = seq + 1
  redis.call('PUBLISH', channel, head .. string.format('%d', seq) .. ',"payload":' .. ARGV[i] .. '}')
end
redis.call('HSET', meta, 'epoch', epoch, 'seq', string.format('%d', seq), 'time', time)
for _, key in ipairs({meta, bids, asks}) do
  redis.call('EXPIRE', key, ttl)
end
return {epoch, seq}
