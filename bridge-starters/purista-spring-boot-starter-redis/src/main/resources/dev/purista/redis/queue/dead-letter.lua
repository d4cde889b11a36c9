-- Append a job to a dead-letter list. KEYS[1]: the list, KEYS[2]: the stats of the queue it belongs to.
-- ARGV: the job JSON (with its reason header).
redis.call('RPUSH', KEYS[1], ARGV[1])
redis.call('HINCRBY', KEYS[2], 'deadLetter', 1)
return 1
