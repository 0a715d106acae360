package io.phaseflow.engine.redis;

import io.phaseflow.engine.state.ListingKey;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The Lua rendering of {@link RedisLayout}: its names as Lua constants, and the one Lua reading of
 * its page keys, prepended to every script, so the Java and Lua sides cannot drift. Pure.
 */
final class LuaPrelude {
  private LuaPrelude() {}

  /** A Lua constant for every layout name a script uses, then the page-key functions. */
  static String render() {
    Map<String, Object> c = new LinkedHashMap<>();
    c.put("WF_DEFINITION", RedisLayout.WF_DEFINITION);
    c.put("WF_PHASE", RedisLayout.WF_PHASE);
    c.put("WF_ENTRY", RedisLayout.WF_ENTRY);
    c.put("WF_STATUS", RedisLayout.WF_STATUS);
    c.put("WF_VIA_ERROR", RedisLayout.WF_VIA_ERROR);
    c.put("WF_CREATED", RedisLayout.WF_CREATED);
    c.put("WF_UPDATED", RedisLayout.WF_UPDATED);
    c.put("WF_RUNNING", RedisLayout.WF_RUNNING);
    c.put("WF_PAUSED", RedisLayout.WF_PAUSED);
    c.put("WF_FAILED", RedisLayout.WF_FAILED);
    c.put("WF_CANCELED", RedisLayout.WF_CANCELED);
    c.put("E_COUNT", RedisLayout.E_COUNT);
    c.put("JOB_HELD", RedisLayout.JOB_HELD);
    c.put("DROPPED", RedisLayout.DROPPED);
    c.put("CONTROL_APPLIED", RedisLayout.CONTROL_APPLIED);
    c.put("CONTROL_REFUSED", RedisLayout.CONTROL_REFUSED);
    c.put("CONTROL_MOVED", RedisLayout.CONTROL_MOVED);
    c.put("CONTROL_MISSING", RedisLayout.CONTROL_MISSING);
    c.put("E_CLOSED", RedisLayout.E_CLOSED);
    c.put("E_OPEN", RedisLayout.E_OPEN);
    c.put("E_ERROR", RedisLayout.E_ERROR);
    c.put("JOB_SPEC", RedisLayout.JOB_SPEC);
    c.put("JOB_STATE", RedisLayout.JOB_STATE);
    c.put("JOB_OPEN_PARENTS", RedisLayout.JOB_OPEN_PARENTS);
    c.put("JOB_CHILDREN", RedisLayout.JOB_CHILDREN);
    c.put("JOB_OUTPUT", RedisLayout.JOB_OUTPUT);
    c.put("JOB_ERROR", RedisLayout.JOB_ERROR);
    c.put("JOB_RETRIED", RedisLayout.JOB_RETRIED);
    c.put("JOB_TIMES", RedisLayout.JOB_TIMES);
    c.put("E_OPENED", RedisLayout.E_OPENED);
    c.put("JOB_ELEMENTS", RedisLayout.JOB_ELEMENTS);
    c.put("JOB_SOURCES", RedisLayout.JOB_SOURCES);
    c.put("E_HANDLERS", RedisLayout.E_HANDLERS);
    c.put("E_PAGE", RedisLayout.E_PAGE);
    c.put("E_TOKEN", RedisLayout.E_TOKEN);
    c.put("KEY_PAGE", RedisLayout.KEY_PAGE);
    c.put("DEADLINE_RUN", RedisLayout.DEADLINE_RUN);
    c.put("EXPAND", RedisLayout.EXPAND);
    c.put("WAITING", RedisLayout.WAITING);
    c.put("READY", RedisLayout.READY);
    c.put("SUCCEEDED", RedisLayout.SUCCEEDED);
    c.put("FAILED", RedisLayout.FAILED);
    c.put("SKIPPED", RedisLayout.SKIPPED);
    c.put("RECORDED", RedisLayout.RECORDED);
    c.put("DUPLICATE", RedisLayout.DUPLICATE);
    c.put("STALE", RedisLayout.STALE);
    c.put("DONE", RedisLayout.DONE);
    c.put("NOT_DONE", RedisLayout.NOT_DONE);
    c.put("YES", RedisLayout.YES);
    c.put("NO", RedisLayout.NO);
    c.put("LISTING_KEY", ListingKey.FORMAT);
    c.put("KEY_HISTORY", RedisLayout.KEY_HISTORY);
    c.put("KEY_ENTRY", RedisLayout.KEY_ENTRY);
    c.put("SC_LAST_TICK", RedisLayout.SC_LAST_TICK);
    c.put("SC_LAST_WORKFLOW", RedisLayout.SC_LAST_WORKFLOW);
    c.put("SC_SKIPPED", RedisLayout.SC_SKIPPED);
    c.put("SC_FIRED", RedisLayout.SC_FIRED);
    c.put("SCHEDULE_GONE", RedisLayout.SCHEDULE_GONE);
    StringBuilder lua = new StringBuilder("-- generated from RedisLayout\n");
    c.forEach(
        (name, value) ->
            lua.append("local ")
                .append(name)
                .append(" = ")
                .append(value instanceof String s ? "'" + s + "'" : value)
                .append('\n'));
    return lua.append(LUA_PAGES).toString();
  }

  /** The one Lua reading of {@link #page}: every script finds a job's fields through it. */
  private static final String LUA_PAGES =
      """
      -- job_keys(e)(i): the key holding job i's fields of entry e (page i / E_PAGE, page 0 being e;
      -- an entry without E_PAGE keeps every job in e).
      local function job_keys(e)
        local v = redis.call('HMGET', e, E_PAGE, E_TOKEN)
        local size = tonumber(v[1] or '0') or 0
        local suffix = ''
        if v[2] and v[2] ~= '' then suffix = '.' .. v[2] end
        return function(i)
          if size == 0 then return e end
          local p = math.floor(tonumber(i) / size)
          if p == 0 then return e end
          return e .. KEY_PAGE .. p .. suffix
        end
      end
      -- Every key of entry e: e and its pages.
      local function entry_keys(e)
        local v = redis.call('HMGET', e, E_PAGE, E_COUNT)
        local keys = {e}
        local size = tonumber(v[1] or '0') or 0
        if size > 0 then
          local key = job_keys(e)
          local n = tonumber(v[2] or '0') or 0
          for p = 1, math.floor((n - 1) / size) do keys[#keys + 1] = key(p * size) end
        end
        return keys
      end
      """;
}
