-- Give back the leases of KEYS that this worker (ARGV[1]) holds.
for _, key in ipairs(KEYS) do
  if redis.call('GET', key) == ARGV[1] then
    redis.call('DEL', key)
  end
end
return 1
