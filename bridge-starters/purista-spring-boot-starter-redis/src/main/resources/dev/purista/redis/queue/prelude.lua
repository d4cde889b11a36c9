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

-- calls visit(name, first, last) for every top-level member (name as written, value's first and last index);
-- returns false when the text is not a JSON object
local function json_walk(json, visit)
  local i = string.find(json, '{', 1, true)
  if not i then return false end
  i = i + 1
  while true do
    local k = string.find(json, '[^%s,]', i)
    if not k then return false end
    if string.byte(json, k) ~= 34 then return string.byte(json, k) == 125 end
    local k_end = json_string_end(json, k)
    if not k_end then return false end
    local _, colon = string.find(json, '^%s*:', k_end + 1)
    if not colon then return false end
    local v = string.find(json, '[^%s]', colon + 1)
    if not v then return false end
    local v_end = json_value_end(json, v)
    if not v_end then return false end
    if visit(string.sub(json, k + 1, k_end - 1), v, v_end) then return true end
    i = v_end + 1
  end
end

-- first and last index of the value of the top-level member `name`, or nil
local function json_member(json, name)
  local first, last
  json_walk(json, function(member, v, v_end)
    if member == name then
      first, last = v, v_end
      return true
    end
    return false
  end)
  return first, last
end

-- the JSON with the top-level members named in `values` set to their raw JSON text, in one pass: replaced in
-- place, or appended when missing
local function json_patch(json, values)
  local parts = {}
  local position = 1
  local seen = {}
  json_walk(json, function(member, v, v_end)
    local raw = values[member]
    if raw then
      parts[#parts + 1] = string.sub(json, position, v - 1)
      parts[#parts + 1] = raw
      position = v_end + 1
      seen[member] = true
    end
    return false
  end)
  local rest = string.sub(json, position)
  local missing = {}
  for member, raw in pairs(values) do
    if not seen[member] then missing[#missing + 1] = cjson.encode(member) .. ':' .. raw end
  end
  if #missing > 0 then
    local close = string.find(rest, '}%s*$')
    local separator = ','
    if string.find(json, '^%s*{%s*}%s*$') then separator = '' end
    rest = string.sub(rest, 1, close - 1) .. separator .. table.concat(missing, ',') .. '}'
  end
  parts[#parts + 1] = rest
  return table.concat(parts)
end

local function json_set(json, name, raw)
  return json_patch(json, { [name] = raw })
end

local function integer(n)
  return string.format('%.0f', n)
end

-- the job's JSON decoded, when it is an object with the members every job has (id, queueName, attempt);
-- used to read and check, never to write the job back (see json_patch)
local function decode_job(json)
  if not json then return nil end
  local ok, job = pcall(cjson.decode, json)
  if not ok or type(job) ~= 'table' or type(job.id) ~= 'string' or type(job.queueName) ~= 'string'
      or type(job.attempt) ~= 'number' then
    return nil
  end
  return job
end

local function valid_job(json)
  return decode_job(json) ~= nil
end

-- the raw JSON of the job's headers after setting one header on the decoded job (so calls add up)
local function headers_with(job, name, value)
  if type(job.headers) ~= 'table' then job.headers = {} end
  job.headers[name] = value
  return cjson.encode(job.headers)
end

-- queue operations shared by several scripts

-- moves a job to the dead-letter list with its reason; `values` are further members to change
local function dead_letter(job_id, job, json, reason, values)
  values.leaseExpiresAt = '0'
  values.headers = headers_with(job, DEAD_LETTER_REASON, reason)
  redis.call('HDEL', JOBS, job_id)
  redis.call('RPUSH', DEAD_LETTER, json_patch(json, values))
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
      local job = decode_job(json)
      if job then
        local headers = headers_with(job, LAST_RETRY_REASON, 'lease_expired')
        if type(job.maxAttempts) == 'number' and job.attempt >= job.maxAttempts then
          dead_letter(job_id, job, json, 'lease_expired', {})
        else
          redis.call('HSET', JOBS, job_id, json_patch(json, { leaseExpiresAt = '0', headers = headers }))
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

