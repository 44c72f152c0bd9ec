using System.Text;

namespace GitOrch.Engine.Charts.GoTemplates;

/// <summary>
/// One run of a template set, following Go's text/template: dot, variables scoped to their control
/// structure, pipelines that pass each command's value on as the last argument, Go's truth and its
/// rules for fields of maps and of nil. Nested calls (template, include, tpl) share its output limit,
/// its depth limit and its deadline.
/// </summary>
public sealed class GoExecution
{
    private enum Flow { Normal, Break, Continue }

    private sealed record Variable(string Name, object? Value)
    {
        public object? Value { get; set; } = Value;
    }

    private readonly GoTemplateSet _set;
    private readonly CancellationToken _deadline;
    private int _depth;
    private long _written;

    internal GoExecution(GoTemplateSet set, CancellationToken deadline)
    {
        _set = set;
        _deadline = deadline;
    }

    /// <summary>Runs a named template and returns what it wrote, as Helm's include does.</summary>
    public string Include(string name, object? data, GoPosition? calledFrom = null)
    {
        var body = _set.Find(name) ?? throw new GoFunctionException($"template: no template \"{name}\" associated with template \"gotpl\"");
        return Run(name, body, data, calledFrom);
    }

    /// <summary>Parses text as a template of its own, which may call the set's templates, and runs it, as Helm's tpl does.</summary>
    public string RenderText(string name, string text, object? data)
    {
        var (body, defines) = GoParser.Parse(name, text);
        foreach (var (defined, definition) in defines)
            _set.Define(defined, definition);
        return Run(name, body, data, null);
    }

    private string Run(string name, GoListNode body, object? data, GoPosition? calledFrom)
    {
        if (++_depth > _set.Limits.NestingDepth)
            throw new GoTemplateException(calledFrom ?? body.At, $"exceeded max template depth ({_set.Limits.NestingDepth}): template \"{name}\" calls itself without end");
        try
        {
            var output = new StringBuilder();
            Walk(body, data, [new Variable("$", data)], output, name);
            return output.ToString();
        }
        finally
        {
            _depth--;
        }
    }

    private Flow Walk(GoNode node, object? dot, List<Variable> variables, StringBuilder output, string template)
    {
        _deadline.ThrowIfCancellationRequested();
        switch (node)
        {
            case GoListNode list:
                foreach (var child in list.Nodes)
                    if (Walk(child, dot, variables, output, template) is var flow and not Flow.Normal) return flow;
                return Flow.Normal;
            case GoTextNode text:
                Write(output, text.Text, text.At);
                return Flow.Normal;
            case GoActionNode action:
                var value = Pipeline(action.Pipeline, dot, variables, template);
                if (action.Pipeline.Variables.Count == 0) Write(output, value is null ? "<no value>" : GoValues.Print(value), action.At);
                return Flow.Normal;
            case GoBranchNode { Keyword: "range" } range:
                return Range(range, dot, variables, output, template);
            case GoBranchNode branch:
                return Branch(branch, dot, variables, output, template);
            case GoTemplateCallNode call:
                var data = call.Pipeline is null ? null : Pipeline(call.Pipeline, dot, variables, template);
                var body = _set.Find(call.Name) ?? throw Failure(call.At, template, $"{{{{template \"{call.Name}\"}}}}", $"template \"{call.Name}\" not defined");
                Write(output, Run(call.Name, body, data, call.At), call.At);
                return Flow.Normal;
            case GoLoopControlNode control:
                return control.IsBreak ? Flow.Break : Flow.Continue;
            default:
                throw new InvalidOperationException($"unknown node {node.GetType().Name}");
        }
    }

    private void Write(StringBuilder output, string text, GoPosition at)
    {
        _written += text.Length;
        if (_written > _set.Limits.OutputCharacters)
            throw new GoTemplateException(at, $"the output is over the limit of {_set.Limits.OutputCharacters} characters a render may make");
        output.Append(text);
    }

    private Flow Branch(GoBranchNode branch, object? dot, List<Variable> variables, StringBuilder output, string template)
    {
        var mark = variables.Count;
        try
        {
            var value = Pipeline(branch.Pipeline, dot, variables, template);
            if (GoValues.IsTrue(value))
                return Walk(branch.List, branch.Keyword == "with" ? value : dot, variables, output, template);
            return branch.Else is null ? Flow.Normal : Walk(branch.Else, dot, variables, output, template);
        }
        finally
        {
            variables.RemoveRange(mark, variables.Count - mark);
        }
    }

    private Flow Range(GoBranchNode range, object? dot, List<Variable> variables, StringBuilder output, string template)
    {
        var mark = variables.Count;
        var pipeline = range.Pipeline with { Variables = [] };
        var value = Pipeline(pipeline, dot, variables, template);
        var items = Items(value, range, template);
        try
        {
            if (items.Count == 0)
                return range.Else is null ? Flow.Normal : Walk(range.Else, dot, variables, output, template);
            foreach (var (key, element) in items)
            {
                _deadline.ThrowIfCancellationRequested();
                var names = range.Pipeline.Variables;
                if (names.Count == 1) Declare(variables, names[0], element, range.Pipeline.IsAssignment, range.At, template);
                if (names.Count == 2)
                {
                    Declare(variables, names[0], key, range.Pipeline.IsAssignment, range.At, template);
                    Declare(variables, names[1], element, range.Pipeline.IsAssignment, range.At, template);
                }
                var flow = Walk(range.List, element, variables, output, template);
                variables.RemoveRange(mark, variables.Count - mark);
                if (flow == Flow.Break) break;
            }
            return Flow.Normal;
        }
        finally
        {
            variables.RemoveRange(mark, variables.Count - mark);
        }
    }

    /// <summary>What range visits: a list's elements with their index, a map's values by sorted key, or 0…n-1 for an integer.</summary>
    private static List<(object? Key, object? Value)> Items(object? value, GoBranchNode range, string template) => value switch
    {
        null => [],
        IList<object?> list => list.Select((item, i) => ((object?)(long)i, item)).ToList(),
        IDictionary<string, object?> map => map.OrderBy(pair => pair.Key, StringComparer.Ordinal).Select(pair => ((object?)pair.Key, pair.Value)).ToList(),
        long count => Enumerable.Range(0, (int)Math.Max(0, count)).Select(i => ((object?)(long)i, (object?)(long)i)).ToList(),
        int count => Enumerable.Range(0, Math.Max(0, count)).Select(i => ((object?)(long)i, (object?)(long)i)).ToList(),
        _ => throw Failure(range.At, template, range.Pipeline.Source, $"range can't iterate over {GoValues.Print(value)}"),
    };

    private void Declare(List<Variable> variables, string name, object? value, bool assign, GoPosition at, string template)
    {
        if (!assign)
        {
            variables.Add(new Variable(name, value));
            return;
        }
        var existing = variables.LastOrDefault(variable => variable.Name == name) ?? throw Failure(at, template, name, $"undefined variable: {name}");
        existing.Value = value;
    }

    private object? Pipeline(GoPipeline pipeline, object? dot, List<Variable> variables, string template)
    {
        object? value = null;
        var hasFinal = false;
        foreach (var command in pipeline.Commands)
        {
            value = Command(command, dot, variables, template, hasFinal, value);
            hasFinal = true;
        }
        foreach (var name in pipeline.Variables)
            Declare(variables, name, value, pipeline.IsAssignment, pipeline.At, template);
        return value;
    }

    private object? Command(GoCommand command, object? dot, List<Variable> variables, string template, bool hasFinal, object? final)
    {
        var first = command.Arguments[0];
        var rest = command.Arguments.Skip(1).ToList();
        try
        {
            switch (first)
            {
                case GoIdentifierOperand function:
                    return Call(function, rest, dot, variables, template, hasFinal, final);
                case GoFieldOperand field:
                    return Fields(dot, field.Fields, Arguments(rest, dot, variables, template, hasFinal, final), first, template);
                case GoVariableOperand { Fields.Count: > 0 } variable:
                    return Fields(Lookup(variables, variable, template), variable.Fields, Arguments(rest, dot, variables, template, hasFinal, final), first, template);
                case GoPipeOperand { Fields.Count: > 0 } pipe:
                    return Fields(Pipeline(pipe.Pipeline, dot, variables, template), pipe.Fields, Arguments(rest, dot, variables, template, hasFinal, final), first, template);
            }
            if (rest.Count > 0 || hasFinal) throw Failure(first.At, template, first.Source, $"can't give argument to non-function {first.Source}");
            return Argument(first, dot, variables, template);
        }
        catch (GoFunctionException e)
        {
            throw Failure(first.At, template, first.Source, e.Message);
        }
    }

    private List<object?>? Arguments(List<GoOperand> operands, object? dot, List<Variable> variables, string template, bool hasFinal, object? final)
    {
        if (operands.Count == 0 && !hasFinal) return null;
        var values = operands.Select(operand => Argument(operand, dot, variables, template)).ToList();
        if (hasFinal) values.Add(final);
        return values;
    }

    private object? Argument(GoOperand operand, object? dot, List<Variable> variables, string template) => operand switch
    {
        GoDotOperand => dot,
        GoNilOperand => null,
        GoConstantOperand constant => constant.Value,
        GoFieldOperand field => Fields(dot, field.Fields, null, operand, template),
        GoVariableOperand variable => Fields(Lookup(variables, variable, template), variable.Fields, null, operand, template),
        GoPipeOperand pipe => Fields(Pipeline(pipe.Pipeline, dot, variables, template), pipe.Fields, null, operand, template),
        GoIdentifierOperand function => Call(function, [], dot, variables, template, false, null),
        _ => throw new InvalidOperationException($"unknown operand {operand.GetType().Name}"),
    };

    private static object? Lookup(List<Variable> variables, GoVariableOperand variable, string template) =>
        (variables.LastOrDefault(v => v.Name == variable.Name) ?? throw Failure(variable.At, template, variable.Source, $"undefined variable: {variable.Name}")).Value;

    /// <summary>Field after field; the last may be a method that takes the arguments.</summary>
    private static object? Fields(object? receiver, List<string> names, List<object?>? arguments, GoOperand operand, string template)
    {
        var value = receiver;
        for (var i = 0; i < names.Count; i++)
        {
            var last = i == names.Count - 1;
            value = value switch
            {
                null => throw Failure(operand.At, template, operand.Source, $"nil pointer evaluating interface {{}}.{names[i]}"),
                IDictionary<string, object?> map => map.TryGetValue(names[i], out var found) ? found : null,
                _ => throw Failure(operand.At, template, operand.Source, $"can't evaluate field {names[i]} in type {GoValues.TypeName(value)}"),
            };
            if (value is GoMethod method)
            {
                try
                {
                    value = method.Invoke(last ? [.. arguments ?? []] : []);
                }
                catch (GoFunctionException e)
                {
                    throw Failure(operand.At, template, operand.Source, $"error calling {method.Name}: {e.Message}");
                }
                if (last) return value;
            }
        }
        if (arguments is { Count: > 0 })
            throw Failure(operand.At, template, operand.Source, $"{names[^1]} is not a method but has arguments");
        return value;
    }

    private object? Call(GoIdentifierOperand function, List<GoOperand> operands, object? dot, List<Variable> variables, string template, bool hasFinal, object? final)
    {
        if (function.Name is "and" or "or")
            return ShortCircuit(function, operands, dot, variables, template, hasFinal, final);
        if (!_set.Functions.TryGetValue(function.Name, out var implementation))
            throw Failure(function.At, template, function.Name, $"function \"{function.Name}\" not defined");
        var arguments = Arguments(operands, dot, variables, template, hasFinal, final) ?? [];
        try
        {
            return implementation(this, [.. arguments]);
        }
        catch (GoFunctionException e) when (e.AsWritten)
        {
            throw new GoTemplateException(function.At, e.Message);
        }
        catch (GoFunctionException e)
        {
            throw Failure(function.At, template, function.Name, $"error calling {function.Name}: {e.Message}");
        }
        catch (Exception e) when (e is FormatException or OverflowException or ArgumentException or InvalidCastException)
        {
            throw Failure(function.At, template, function.Name, $"error calling {function.Name}: {e.Message}");
        }
    }

    /// <summary>and and or evaluate their arguments only as far as the answer needs, and return the deciding value.</summary>
    private object? ShortCircuit(GoIdentifierOperand function, List<GoOperand> operands, object? dot, List<Variable> variables, string template, bool hasFinal, object? final)
    {
        var count = operands.Count + (hasFinal ? 1 : 0);
        if (count == 0) throw Failure(function.At, template, function.Name, $"wrong number of args for {function.Name}: want at least 1 got 0");
        object? value = null;
        for (var i = 0; i < count; i++)
        {
            value = i < operands.Count ? Argument(operands[i], dot, variables, template) : final;
            if (GoValues.IsTrue(value) == (function.Name == "or")) return value;
        }
        return value;
    }

    private static GoTemplateException Failure(GoPosition at, string template, string source, string problem) =>
        new(at, $"executing \"{template}\" at <{source}>: {problem}");
}
