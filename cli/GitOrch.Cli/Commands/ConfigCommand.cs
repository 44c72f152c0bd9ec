using GitOrch.Api.Validation;
using System.CommandLine;
using GitOrch.Cli.Contexts;
using GitOrch.Cli.Output;

namespace GitOrch.Cli.Commands;

/// <summary><c>gitorch config</c>: named contexts (store, credentials, namespace) in <c>~/.gitorch/config.yaml</c>.</summary>
public static class ConfigCommand
{
    public static Command Create(TextWriter output) => new("config", $"Manage contexts: which store, as whom, and which namespace (kept in {DisplayPath})")
    {
        Subcommands = { GetContexts(output), CurrentContext(output), UseContext(output), SetContext(output), DeleteContext(output) },
    };

    private const string DisplayPath = "~/.gitorch/config.yaml or $GITORCH_HOME/config.yaml";

    private static Argument<string> ContextName() => LiveCompletions.Contexts(new Argument<string>("name") { Description = "The context's name" });

    private static Command GetContexts(TextWriter output)
    {
        var formatOption = CommonOptions.Output("table", "yaml", "json", "name");
        var command = new Command("get-contexts", "List the contexts; * marks the current one") { formatOption };
        command.SetGuardedAction((parse, _) =>
        {
            var config = CliConfig.Load();
            var format = parse.GetValue(formatOption)!;
            if (StructuredOutput.TryWrite(output, format, config.Contexts.Select(Redacted).ToList()))
                return Task.FromResult(ExitCodes.Success);
            if (format == "name")
            {
                foreach (var context in config.Contexts) output.WriteLine(context.Name);
                return Task.FromResult(ExitCodes.Success);
            }
            TextTable.Write(output, ["CURRENT", "NAME", "STORE", "NAMESPACE", "AUTH"], config.Contexts.Select(context => new[]
            {
                context.Name == config.CurrentContext ? "*" : "",
                context.Name,
                context.Store ?? "(embedded)",
                context.Namespace ?? "default",
                context.Token is { Length: > 0 } ? "token" : context.User is { Length: > 0 } ? "user " + context.User : "none",
            }));
            return Task.FromResult(ExitCodes.Success);
        });
        return command;
    }

    private static Command CurrentContext(TextWriter output)
    {
        var command = new Command("current-context", "Print the current context's name");
        command.SetGuardedAction((_, _) =>
        {
            var current = CliConfig.Load().CurrentContext ?? throw new ConfigException($"no current context is set (see 'gitorch config use-context')");
            output.WriteLine(current);
            return Task.FromResult(ExitCodes.Success);
        });
        return command;
    }

    private static Command UseContext(TextWriter output)
    {
        var name = ContextName();
        var command = new Command("use-context", "Make a context the current one") { name };
        command.SetGuardedAction((parse, _) =>
        {
            var config = CliConfig.Load();
            var wanted = parse.GetValue(name)!;
            if (config.Find(wanted) is null)
            {
                var guess = Suggestions.Closest(wanted, config.Contexts.Select(context => context.Name));
                throw new ConfigException($"context \"{wanted}\" is not in {CliConfig.FilePath}" + (guess is null ? "" : $"; did you mean \"{guess}\"?"));
            }
            config.CurrentContext = wanted;
            config.Save();
            output.WriteLine($"switched to context \"{wanted}\"");
            return Task.FromResult(ExitCodes.Success);
        });
        return command;
    }

    private static Command SetContext(TextWriter output)
    {
        var name = ContextName();
        var user = new Option<string?>("--user") { Description = "The NATS user name" };
        var password = new Option<string?>("--password") { Description = "The NATS user's password" };
        var token = new Option<string?>("--token") { Description = "A NATS token, instead of a user and password" };
        var ns = new Option<string?>("--namespace", "-n") { Description = "The namespace verbs use when -n is not given" };
        var command = new Command("set-context", "Create a context or change some of its fields; --store sets its store") { name, user, password, token, ns };
        command.SetGuardedAction((parse, _) =>
        {
            if (parse.GetValue(token) is not null && parse.GetValue(user) is not null)
                throw new ArgumentException("--token and --user are alternatives: give one");
            var config = CliConfig.Load();
            var contextName = parse.GetValue(name)!;
            var context = config.Find(contextName);
            var created = context is null;
            if (context is null)
                config.Contexts.Add(context = new ContextSettings { Name = contextName });
            context.Store = parse.GetValue(CommonOptions.Store) ?? context.Store;
            context.User = parse.GetValue(user) ?? context.User;
            context.Password = parse.GetValue(password) ?? context.Password;
            context.Token = parse.GetValue(token) ?? context.Token;
            context.Namespace = parse.GetValue(ns) ?? context.Namespace;
            config.Save();
            output.WriteLine($"context \"{contextName}\" {(created ? "created" : "modified")}");
            return Task.FromResult(ExitCodes.Success);
        });
        return command;
    }

    private static Command DeleteContext(TextWriter output)
    {
        var name = ContextName();
        var command = new Command("delete-context", "Remove a context") { name };
        command.SetGuardedAction((parse, _) =>
        {
            var config = CliConfig.Load();
            var contextName = parse.GetValue(name)!;
            var context = config.Find(contextName) ?? throw new ConfigException($"context \"{contextName}\" is not in {CliConfig.FilePath}");
            config.Contexts.Remove(context);
            if (config.CurrentContext == contextName) config.CurrentContext = null;
            config.Save();
            output.WriteLine($"deleted context \"{contextName}\"");
            return Task.FromResult(ExitCodes.Success);
        });
        return command;
    }

    private static ContextSettings Redacted(ContextSettings context) => new()
    {
        Name = context.Name,
        Store = context.Store,
        User = context.User,
        Password = context.Password is null ? null : "***",
        Token = context.Token is null ? null : "***",
        Namespace = context.Namespace,
    };
}
