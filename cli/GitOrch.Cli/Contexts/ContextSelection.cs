using System.CommandLine;
using GitOrch.Api.Model;
using GitOrch.Store;

namespace GitOrch.Cli.Contexts;

/// <summary>
/// Where a verb points: <c>--store</c>, then <c>--context</c>, then <c>GITORCH_STORE</c>, then the current
/// context, then the embedded store. The namespace is <c>-n</c>, then the context's, then <c>default</c>.
/// </summary>
public static class ContextSelection
{
    public static ContextSettings? Selected(ParseResult parse)
    {
        var flag = parse.GetValue(CommonOptions.Context);
        var config = flag is null && !File.Exists(CliConfig.FilePath) ? new CliConfig() : CliConfig.Load();
        var name = flag ?? config.CurrentContext;
        if (name is null) return null;
        return config.Find(name) ?? throw new ConfigException($"context \"{name}\" is not in {CliConfig.FilePath} (see 'gitorch config get-contexts')");
    }

    public static string StoreLocation(ParseResult parse)
    {
        if (parse.GetValue(CommonOptions.Store) is { Length: > 0 } flag) return flag;
        if (parse.GetValue(CommonOptions.Context) is null && Environment.GetEnvironmentVariable(StoreLocator.EnvironmentVariable) is { Length: > 0 } fromEnvironment)
            return fromEnvironment;
        return Selected(parse)?.StoreLocation() ?? StoreLocator.DefaultEmbeddedPath;
    }

    public static string Namespace(ParseResult parse, Option<string?> option) =>
        parse.GetValue(option) ?? Selected(parse)?.Namespace ?? WellKnown.DefaultNamespace;
}
