using System.CommandLine;
using GitOrch.Api.Model;
using GitOrch.Cli.Contexts;
using GitOrch.Cli.Output;
using GitOrch.Store;

namespace GitOrch.Cli.Commands;

/// <summary><c>gitorch get</c>: list objects of a kind, or show one, with spec and status together.</summary>
public static class GetCommand
{
    public static Command Create(TextWriter output)
    {
        var kind = KindArgument.Create("The kind: pods, deployments, services, nodes, … every kind, plural, singular or short name (po, deploy, svc)");
        var name = new Argument<string?>("name") { Description = "One object's name", Arity = ArgumentArity.ZeroOrOne };
        var ns = CommonOptions.Namespace();
        var all = new Option<bool>("--all-namespaces", "-A") { Description = "List across all namespaces" };
        var selector = new Option<string?>("--selector", "-l") { Description = "Filter by labels, such as app=web,tier!=db" };
        var format = CommonOptions.Output("table", "wide", "yaml", "json", "name");
        var watch = new Option<bool>("--watch", "-w") { Description = "After listing, print each object again whenever it changes, until Ctrl-C" };
        var command = new Command("get", "Show objects from the store") { kind, name, ns, all, selector, format, watch };
        command.SetGuardedAction(async (parse, cancellationToken) =>
        {
            var info = KindArgument.Resolve(parse.GetValue(kind)!);
            await using var store = await StoreConnector.OpenAsync(parse, cancellationToken);
            var client = new ObjectClient(store);
            var printer = new ObjectPrinter(output, parse.GetValue(format)!);
            var namespaceFlag = parse.GetValue(all) ? null : ContextSelection.Namespace(parse, ns);
            var labelSelector = parse.GetValue(selector) is { } text ? SelectorParser.Parse(text) : null;

            if (parse.GetValue(watch))
            {
                await new ObjectWatcher(client, output, parse.GetValue(format)!).RunAsync(info, namespaceFlag, parse.GetValue(name), labelSelector, cancellationToken);
                return ExitCodes.Success;
            }
            if (parse.GetValue(name) is { } objectName)
            {
                var obj = await client.GetAsync(info, namespaceFlag, objectName, cancellationToken)
                    ?? throw new NotFoundException($"{info.Resource} \"{objectName}\"");
                printer.PrintOne(info, obj);
                return ExitCodes.Success;
            }
            var objects = await client.ListAsync(info, namespaceFlag, labelSelector, cancellationToken);
            printer.PrintList(info, ListOrder.For(info, objects), showNamespace: namespaceFlag is null && info.Namespaced);
            return ExitCodes.Success;
        });
        return command;
    }
}
