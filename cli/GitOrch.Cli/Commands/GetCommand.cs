using System.CommandLine;
using GitOrch.Api.Model;
using GitOrch.Cli.Contexts;
using GitOrch.Cli.Output;
using GitOrch.Store;

namespace GitOrch.Cli.Commands;

/// <summary><c>gitorch get</c>: list objects of one kind or several, or show one, with spec and status together.</summary>
public static class GetCommand
{
    public static Command Create(TextWriter output)
    {
        var kind = KindArgument.Create("The kind: pods, deployments, services, nodes, … every kind, plural, singular or short name " +
                                       "(po, deploy, svc); several with commas (deploy,svc); all for the workloads and Services; or KIND/NAME");
        var name = new Argument<string?>("name") { Description = "One object's name", Arity = ArgumentArity.ZeroOrOne };
        var ns = CommonOptions.Namespace();
        LiveCompletions.Names(name, kind, ns);
        var all = new Option<bool>("--all-namespaces", "-A") { Description = "List across all namespaces" };
        var selector = new Option<string?>("--selector", "-l") { Description = "Filter by labels, such as app=web,tier!=db" };
        var format = OutputOption();
        var watch = new Option<bool>("--watch", "-w") { Description = "After listing, print each object again whenever it changes, until Ctrl-C" };
        var showLabels = new Option<bool>("--show-labels") { Description = "Add a LABELS column with every label" };
        var labelColumns = new Option<string[]>("--label-columns", "-L")
        {
            Description = "Add a column with the value of this label (repeat, or separate keys with commas)",
        };
        var sortBy = new Option<string?>("--sort-by") { Description = "Sort the list by a field, as a JSONPath such as .metadata.creationTimestamp" };
        var showSecrets = SecretsFlag.Create();
        var command = new Command("get", "Show objects from the store") { kind, name, ns, all, selector, format, watch, showLabels, labelColumns, sortBy, showSecrets };
        command.SetGuardedAction(async (parse, cancellationToken) =>
        {
            var sortField = parse.GetValue(sortBy) is { } sortPath ? FieldPath.Parse(sortPath) : null;
            var printer = new ObjectPrinter(output, parse.GetValue(format)!, LabelColumns.For(parse.GetValue(labelColumns) ?? [], parse.GetValue(showLabels)));
            // The store first: opening it registers the kinds of its CustomResourceDefinitions.
            await using var store = await StoreConnector.OpenAsync(parse, cancellationToken);
            var targets = GetTargets.Parse(parse.GetValue(kind)!, parse.GetValue(name));
            var client = new ObjectClient(store);
            var namespaceFlag = parse.GetValue(all) ? null : ContextSelection.Namespace(parse, ns);
            var labelSelector = parse.GetValue(selector) is { } text ? SelectorParser.Parse(text) : null;

            if (parse.GetValue(watch))
            {
                if (targets.Grouped) throw new ArgumentException("--watch follows one kind at a time");
                var watched = targets.Targets[0];
                await new ObjectWatcher(client, output, parse.GetValue(format)!, parse.GetValue(showSecrets)).RunAsync(watched.Kind, namespaceFlag, watched.Name, labelSelector, cancellationToken);
                return ExitCodes.Success;
            }
            if (!targets.Grouped && targets.Targets[0] is { Name: { } objectName } one)
            {
                var obj = await client.GetAsync(one.Kind, namespaceFlag, objectName, cancellationToken)
                    ?? throw new NotFoundException($"{one.Kind.Resource} \"{objectName}\"");
                printer.PrintOne(one.Kind, SecretsFlag.Apply(obj, parse.GetValue(showSecrets)));
                return ExitCodes.Success;
            }
            var groups = new List<(KindInfo, IReadOnlyList<KubeObject>)>();
            foreach (var target in targets.Targets)
            {
                var objects = await client.ListAsync(target.Kind, namespaceFlag, labelSelector, cancellationToken);
                var named = (target.Name is null ? objects : objects.Where(obj => obj.Name == target.Name)).Select(obj => SecretsFlag.Apply(obj, parse.GetValue(showSecrets))).ToList();
                groups.Add((target.Kind, sortField is null ? ListOrder.For(target.Kind, named) : SortByField.Apply(named, sortField)));
            }
            if (parse.GetValue(name) is { } wanted && groups.All(group => group.Item2.Count == 0))
                throw new NotFoundException($"\"{wanted}\" in any of {string.Join(", ", targets.Targets.Select(target => target.Kind.Resource))}");
            printer.PrintGroups(groups, showNamespace: namespaceFlag is null && targets.Targets.Any(target => target.Kind.Namespaced), targets.Grouped);
            return ExitCodes.Success;
        });
        return command;
    }

    private static readonly string[] Formats = ["table", "wide", "yaml", "json", "name"];

    private static Option<string> OutputOption()
    {
        var option = new Option<string>("--output", "-o")
        {
            Description = "Output format: table, wide, yaml, json, name, jsonpath=TEMPLATE or custom-columns=HEADER:PATH,… (kubectl's syntax)",
            DefaultValueFactory = _ => "table",
            HelpName = "format",
        };
        option.CompletionSources.Add([.. Formats, ObjectPrinter.JsonPathPrefix, CustomColumns.Prefix]);
        option.Validators.Add(result =>
        {
            var value = result.GetValueOrDefault<string>();
            if (!Formats.Contains(value) && !value.StartsWith(ObjectPrinter.JsonPathPrefix, StringComparison.Ordinal)
                && !value.StartsWith(CustomColumns.Prefix, StringComparison.Ordinal))
                result.AddError($"--output \"{value}\": expected one of {string.Join(", ", Formats)}, jsonpath=TEMPLATE or custom-columns=HEADER:PATH,…");
        });
        return option;
    }
}
