-- Delete a dead-letter list. KEYS[1]: the list. Returns how many entries it had.
local count = redis.call('LLEN', KEYS[1])
redis.call('DEL', KEYS[1])
return count
