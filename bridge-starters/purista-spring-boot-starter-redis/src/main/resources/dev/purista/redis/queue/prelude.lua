-- Shared by every PURISTA queue script (prepended by RedisQueueScripts).
--
-- Queue scripts get the keys of one queue in this order (RedisQueueKeys#all):
local PENDING, PROCESSING, SCHEDULED, JOBS = KEYS[1], KEYS[2], KEYS[3], KEYS[4]
local LEASES, LEASE_BY_JOB, LEASE_EXPIRY, DEAD_LETTER, STATS = KEYS[5], KEYS[6], KEYS[7], KEYS[8], KEYS[9]

local LAST_RETRY_REASON = 'x-purista-last-retry-reason'
local DEAD_LETTER_REASON = 'x-purista-dead-letter-reason'

-- JSON helpers: read and replace top-level members of a job's JSON text without re-encoding the rest, so
-- payloads keep their exact text (a cjson round trip would turn [] into {} and round long numbers).

-- index of the closing quote of the string starting at `first`
local function json_string_end(json, first)
  local i = first + 1
  while true do
    local q = string.find(json, '["\\]', i)
    if not q then return nil end
    if string.byte(json, q) == 92 then i = q + 2 else return q end
  end
end

-- index of the last character of the value starting at `first`
local function json_value_end(json, first)
  local c = string.byte(json, first)
  if not c then return nil end
  if c == 34 then return json_string_end(json, first) end
  if c == 123 or c == 91 then
    local depth = 0
    local i = first
    while true do
      local p = string.find(json, '[{}%[%]"]', i)
      if not p then return nil end
      local b = string.byte(json, p)
      if b == 34 then
        p = json_string_end(json, p)
        if not p then return nil end
      elseif b == 123 or b == 91 then
        depth = depth + 1
      else
        depth = depth - 1
        if depth == 0 then return p end
      end
      i = p + 1
    end
  end
  local e = string.find(json, '[,}%]%s]', first)
  if not e then return nil end
  return e - 1
end

-- first and last index of the value of the top-level member `name`, or nil
local function json_member(json, name)
  local i = string.find(json, '{', 1, true)
  if not i then return nil end
  i = i + 1
  while true do
    local k = string.find(json, '[^%s,]', i)
    if not k or string.byte(json, k) ~= 34 then return nil end
    local k_end = json_string_end(json, k)
    if not k_end then return nil end
    local _, colon = string.find(json, '^%s*:', k_end + 1)
    if not colon then return nil end
    local v = string.find(json, '[^%s]', colon + 1)
    if not v then return nil end
    local v_end = json_value_end(json, v)
    if not v_end then return nil end
    if string.sub(json, k + 1, k_end - 1) == name then return v, v_end end
    i = v_end + 1
  end
end

local function json_number(json, name)
  local first, last = json_member(json, name)
  if not first then return nil end
  return tonumber(string.sub(json, first, last))
end

local function json_string(json, name)
  local first, last = json_member(json, name)
  if not first or string.byte(json, first) ~= 34 then return nil end
  return cjson.decode(string.sub(json, first, last))
end

-- the JSON with top-level member `name` set to the raw JSON text `raw` (replaced in place or appended)
local function json_set(json, name, raw)
  local first, last = json_member(json, name)
  if first then
    return string.sub(json, 1, first - 1) .. raw .. string.sub(json, last + 1)
  end
  local close = string.find(json, '}%s*$')
  local head = string.sub(json, 1, close - 1)
  local separator = ','
  if string.find(head, '{%s*$') then separator = '' end
  return head .. separator .. cjson.encode(name) .. ':' .. raw .. '}'
end

local function json_set_header(json, name, value)
  local first, last = json_member(json, 'headers')
  local headers = {}
  if first and string.byte(json, first) == 123 then
    headers = cjson.decode(string.sub(json, first, last))
  end
  headers[name] = value
  return json_set(json, 'headers', cjson.encode(headers))
end

local function integer(n)
  return string.format('%.0f', n)
end

-- whether the text is a JSON object with the members every job has (id, queueName, attempt)
local function valid_job(json)
  if not json then return false end
  local ok, decoded = pcall(cjson.decode, json)
  if not ok or type(decoded) ~= 'table' then return false end
  return json_string(json, 'id') ~= nil and json_string(json, 'queueName') ~= nil
      and json_number(json, 'attempt') ~= nil
end

-- queue operations shared by several scripts

local function dead_letter(job_id, json, reason)
  json = json_set(json, 'leaseExpiresAt', '0')
  json = json_set_header(json, DEAD_LETTER_REASON, reason)
  redis.call('HDEL', JOBS, job_id)
  redis.call('RPUSH', DEAD_LETTER, json)
  redis.call('HINCRBY', STATS, 'deadLetter', 1)
end

-- a job whose stored text is not a PURISTA job: kept verbatim in member corruptJob of a dead letter
local function dead_letter_corrupt(job_id, raw, queue_name, now)
  redis.call('HDEL', JOBS, job_id)
  local headers = {}
  headers[DEAD_LETTER_REASON] = 'corrupt_job'
  redis.call('RPUSH', DEAD_LETTER, cjson.encode({ id = job_id, queueName = queue_name, headers = headers,
    createdAt = now, attempt = 0, maxAttempts = 0, leaseExpiresAt = 0, leaseTtlMs = 0, corruptJob = raw }))
  redis.call('HINCRBY', STATS, 'deadLetter', 1)
end

-- removes a lease; returns its job id, or nil when the lease is unknown
local function end_lease(lease_id)
  redis.call('ZREM', LEASE_EXPIRY, lease_id)
  local job_id = redis.call('HGET', LEASES, lease_id)
  if not job_id then return nil end
  redis.call('HDEL', LEASES, lease_id)
  if redis.call('HGET', LEASE_BY_JOB, job_id) == lease_id then
    redis.call('HDEL', LEASE_BY_JOB, job_id)
  end
  redis.call('LREM', PROCESSING, 1, job_id)
  return job_id
end

-- expired leases: the job is pending again (reason lease_expired) or dead-lettered when its attempts are used up
local function recover_expired(now, limit, queue_name)
  local expired = redis.call('ZRANGEBYSCORE', LEASE_EXPIRY, '-inf', now, 'LIMIT', 0, limit)
  for _, lease_id in ipairs(expired) do
    local job_id = end_lease(lease_id)
    if job_id then
      local json = redis.call('HGET', JOBS, job_id)
      if valid_job(json) then
        json = json_set(json, 'leaseExpiresAt', '0')
        json = json_set_header(json, LAST_RETRY_REASON, 'lease_expired')
        local max_attempts = json_number(json, 'maxAttempts')
        if max_attempts and json_number(json, 'attempt') >= max_attempts then
          dead_letter(job_id, json, 'lease_expired')
        else
          redis.call('HSET', JOBS, job_id, json)
          redis.call('LPUSH', PENDING, job_id)
          redis.call('HINCRBY', STATS, 'retries', 1)
        end
      elseif json then
        dead_letter_corrupt(job_id, json, queue_name, now)
      end
    end
  end
end

-- delayed jobs whose time has come join the pending list, earliest first
local function promote_due(now, limit)
  local due = redis.call('ZRANGEBYSCORE', SCHEDULED, '-inf', now, 'LIMIT', 0, limit)
  for _, job_id in ipairs(due) do
    redis.call('ZREM', SCHEDULED, job_id)
    redis.call('LPUSH', PENDING, job_id)
  end
end

-- when the next delayed job is due or the next lease expires (epoch ms), -1 when neither
local function next_event_at()
  local next = -1
  local scheduled = redis.call('ZRANGE', SCHEDULED, 0, 0, 'WITHSCORES')
  if scheduled[2] then next = tonumber(scheduled[2]) end
  local expiry = redis.call('ZRANGE', LEASE_EXPIRY, 0, 0, 'WITHSCORES')
  if expiry[2] and (next < 0 or tonumber(expiry[2]) < next) then next = tonumber(expiry[2]) end
  return integer(next)
end

