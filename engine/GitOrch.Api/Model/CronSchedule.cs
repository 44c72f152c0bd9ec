using Cronos;

namespace GitOrch.Api.Model;

/// <summary>A CronJob's five-field schedule in its time zone (UTC when none is named).</summary>
public sealed class CronSchedule
{
    private readonly CronExpression _expression;
    private readonly TimeZoneInfo _zone;

    private CronSchedule(CronExpression expression, TimeZoneInfo zone)
    {
        _expression = expression;
        _zone = zone;
    }

    public static CronSchedule Parse(string schedule, string? timeZone) =>
        new(CronExpression.Parse(Macro(schedule.Trim())), timeZone is null ? TimeZoneInfo.Utc
            : TimeZones.Find(timeZone) ?? throw new TimeZoneNotFoundException($"\"{timeZone}\" is not a known time zone"));

    /// <summary>What is wrong with a schedule and time zone, naming the field at fault, or null when both are good.</summary>
    public static (string Field, string Message)? Problem(string schedule, string? timeZone)
    {
        TryParse(schedule, timeZone, out var problem);
        return problem;
    }

    /// <summary>The schedule, or null with <paramref name="problem"/> naming the field at fault.</summary>
    public static CronSchedule? TryParse(string schedule, string? timeZone, out (string Field, string Message)? problem)
    {
        problem = null;
        try
        {
            return Parse(schedule, timeZone);
        }
        catch (CronFormatException e)
        {
            problem = ("schedule", $"\"{schedule}\" is not a five-field cron expression such as \"*/5 * * * *\" ({e.Message.Replace("The given cron expression has an invalid format. ", "")})");
        }
        catch (TimeZoneNotFoundException)
        {
            problem = ("timeZone", $"\"{timeZone}\" is not a known time zone such as Europe/Berlin");
        }
        return null;
    }

    /// <summary>The first scheduled time strictly after <paramref name="from"/>.</summary>
    public DateTimeOffset? Next(DateTimeOffset from) => _expression.GetNextOccurrence(from, _zone, inclusive: false);

    private static string Macro(string schedule) => schedule switch
    {
        "@yearly" or "@annually" => "0 0 1 1 *",
        "@monthly" => "0 0 1 * *",
        "@weekly" => "0 0 * * 0",
        "@daily" or "@midnight" => "0 0 * * *",
        "@hourly" => "0 * * * *",
        _ => schedule,
    };
}
