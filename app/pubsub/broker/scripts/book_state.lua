-- A symbol's whole book as Redis keeps it (book.lua), and where its stream stands, at one moment.
--
-- KEYS[1] meta, KEYS[2] bids, KEYS[3] asks (as in book.lua)
-- ARGV[1]  an epoch to start with if the book has none; ARGV[2] seconds a new one lives
-- Returns {epoch, seq, time, bids as ["price:size", ...], asks as ["price:size", ...]}.
local meta, bids, asks = KEYS[1], KEYS[2], KEYS[3]
local ok, state = pcall(redis.call, 'HMGET', meta, 'epoch', 'seq', 'time')
if not ok or not state[1] then -- no book (or not one any more): a new stream starts, empty
  redis.call('DEL', meta, bids, asks)
  redis.call('HSET', meta, 'epoch', ARGV[1], 'seq', '0', 'time', '0')
  redis.call('EXPIRE', meta, tonumber(ARGV[2]))
  return {ARGV[1], 0, 0, {}, {}}
end
local function levels(key)
  local found = redis.call('TYPE', key).ok
  return found == 'hash' and redis.call('HVALS', key) or {}
end
return {state[1], tonumber(state[2]) or 0, tonumber(state[3]) or 0, levels(bids), levels(asks)}
