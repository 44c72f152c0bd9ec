using System.Security;
using System.Text.RegularExpressions;

namespace GitOrch.Api.Model;

/// <summary>
/// Looks up a time zone by its IANA name, such as Europe/Berlin. Only a well-formed name reaches the
/// system's zone files, so a name such as "Etc/" or "../x" is simply unknown rather than a read of a folder
/// or of a file outside them.
/// </summary>
public static partial class TimeZones
{
    public static TimeZoneInfo? Find(string name)
    {
        if (name == "UTC") return TimeZoneInfo.Utc;
        if (!IanaName().IsMatch(name)) return null;
        try
        {
            return TimeZoneInfo.FindSystemTimeZoneById(name);
        }
        catch (Exception e) when (e is TimeZoneNotFoundException or InvalidTimeZoneException or SecurityException)
        {
            return null;
        }
    }

    [GeneratedRegex(@"^[A-Za-z][A-Za-z0-9_+\-]*(/[A-Za-z0-9_+\-]+)*$")]
    private static partial Regex IanaName();
}
