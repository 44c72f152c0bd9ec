using System.CommandLine;
using System.CommandLine.Parsing;
using System.Globalization;

namespace GitOrch.Cli;

/// <summary>
/// A lower bound on a whole-number flag. It reads the typed text itself, so that a value that is no
/// number at all is left to the parser's own error instead of failing inside the check.
/// </summary>
public static class NumberFlags
{
    public static Action<OptionResult> AtLeast(int minimum) => result =>
    {
        if (result.Tokens is [var token] && int.TryParse(token.Value, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var value) && value < minimum)
            result.AddError($"{result.Option.Name} must be {(minimum == 0 ? "0 or more" : $"at least {minimum}")}");
    };
}
