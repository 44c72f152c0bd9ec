using System.CommandLine;
using GitOrch.Api.Model;
using GitOrch.Api.Serialization;

namespace GitOrch.Cli.Commands;

/// <summary>
/// <c>gitorch explain KIND[.FIELD…]</c>: the fields a manifest may give a kind or one of its fields, with
/// their types, read from the same model the loader accepts (docs/manifest-fields.md lists them all).
/// </summary>
public static class ExplainCommand
{
    public static Command Create(TextWriter output)
    {
        var path = new Argument<string>("path") { Description = "A kind, or a field inside it, such as deployment.spec.template.spec.containers" };
        var recursive = new Option<bool>("--recursive") { Description = "List the fields inside the fields too, as a tree" };
        var command = new Command("explain", "List the fields a kind or a field of it accepts, with their types") { path, recursive };
        command.SetGuardedAction(async (parse, cancellationToken) =>
        {
            var segments = parse.GetValue(path)!.Split('.');
            var info = KindArgument.Resolve(segments[0]);
            if (info.IsStoredOnly)
                throw new ArgumentException($"{info.Kind} is stored as written, with no field model: any field is kept");
            var (type, typeText, field) = (info.Type, "object", (string?)null);
            foreach (var segment in segments.Skip(1))
            {
                var found = ModelFields.Of(type).FirstOrDefault(candidate => candidate.Name == segment)
                    ?? throw new ArgumentException($"field \"{segment}\" does not exist in {info.Kind}{(field is null ? "" : "." + field)}");
                if (found.Model is null && segment != segments[^1])
                    throw new ArgumentException($"field \"{found.Name}\" has no fields: it is <{found.TypeText}>");
                (type, typeText, field) = (found.Model ?? typeof(void), found.TypeText, field is null ? found.Name : $"{field}.{found.Name}");
            }
            await output.WriteLineAsync($"KIND:     {info.Kind}");
            await output.WriteLineAsync($"VERSION:  {info.ApiVersion}");
            if (field is not null)
            {
                await output.WriteLineAsync();
                await output.WriteLineAsync($"FIELD:    {field} <{typeText}>");
            }
            if (type != typeof(void))
            {
                await output.WriteLineAsync();
                await output.WriteLineAsync("FIELDS:");
                WriteFields(output, type, 1, parse.GetValue(recursive), []);
            }
            return ExitCodes.Success;
        });
        return command;
    }

    private static void WriteFields(TextWriter output, Type type, int depth, bool recursive, HashSet<Type> seen)
    {
        foreach (var field in ModelFields.Of(type))
        {
            output.WriteLine($"{new string(' ', depth * 2)}{field.Name}\t<{field.TypeText}>");
            if (recursive && field.Model is { } model && !seen.Contains(model) && model != type)
                WriteFields(output, model, depth + 1, recursive, [.. seen, type]);
        }
    }
}
