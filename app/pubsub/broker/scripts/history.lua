-- A page of a topic's kept frames, oldest first: at most ARGV[1] of those before ARGV[2]
-- (exclusive; empty: the newest). A keyed family pages by its key, found in each frame at the
-- payload path ARGV[3..] (its keys rise with seq, so a binary search by rank finds the end);
-- without a key path, by seq (the score).
local log, limit, stop = KEYS[1], tonumber(ARGV[1]), tonumber(ARGV[2])
if redis.call('TYPE', log).ok ~= 'zset' then
  return {}
end
if stop == nil then
  return redis.call('ZRANGE', log, -limit, -1)
end
local count
if #ARGV < 3 then
  count = redis.call('ZCOUNT', log, '-inf', '(' .. string.format('%d', stop))
else
  local function key_at(rank)
    local value = cjson.decode(redis.call('ZRANGE', log, rank, rank)[1]).payload
    for i = 3, #ARGV do
      value = value[ARGV[i]]
    end
    return tonumber(value)
  end
  local lo, hi = 0, redis.call('ZCARD', log)
  while lo < hi do
    local mid = math.floor((lo + hi) / 2)
    if key_at(mid) < stop then lo = mid + 1 else hi = mid end
  end
  count = lo
end
if count == 0 then
  return {}
end
return redis.call('ZRANGE', log, math.max(0, count - limit), count - 1)
