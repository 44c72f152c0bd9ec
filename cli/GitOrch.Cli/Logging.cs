using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Console;

namespace GitOrch.Cli;

public static class Logging
{
    public static ILoggerFactory Create() => LoggerFactory.Create(builder => builder
        .SetMinimumLevel(LogLevel.Information)
        .AddFilter("NATS", LogLevel.Warning)
        .AddSimpleConsole(options =>
        {
            options.SingleLine = true;
            options.TimestampFormat = "HH:mm:ss ";
            options.ColorBehavior = Console.IsOutputRedirected || Environment.GetEnvironmentVariable("NO_COLOR") is not null
                ? LoggerColorBehavior.Disabled
                : LoggerColorBehavior.Default;
        }));
}
