-- Take or keep leases: KEYS are lease keys, ARGV[1] this worker's id, ARGV[2] the lease in ms.
-- A free lease is taken, one held by this worker is extended; returns 1 (held) or 0 per key.
local held = {}
for i, key in ipairs(KEYS) do
  local holder = redis.call('GET', key)
  if not holder then
    redis.call('SET', key, ARGV[1], 'PX', ARGV[2])
    held[i] = 1
  elseif holder == ARGV[1] then
    redis.call('PEXPIRE', key, ARGV[2])
    held[i] = 1
  else
    held[i] = 0
  end
end
return held
