using System.Collections.Concurrent;

namespace GitOrch.Engine.Charts.GoTemplates;

/// <summary>A function templates call: its arguments evaluated, and the execution it runs in, for include and tpl.</summary>
public delegate object? GoFunction(GoExecution execution, object?[] arguments);

/// <summary>What one render may use: output characters, nesting of template calls, and time.</summary>
public sealed record GoLimits(int OutputCharacters = 4 * 1024 * 1024, int NestingDepth = 100, TimeSpan? Time = null)
{
    public TimeSpan TimeLimit => Time ?? TimeSpan.FromSeconds(5);
}

/// <summary>
/// Templates that can call one another by name, as one Go template set: every file is a template named
/// by its path, and each <c>define</c> or <c>block</c> in any file adds one more; a later definition of a name wins.
/// </summary>
public sealed class GoTemplateSet(IReadOnlyDictionary<string, GoFunction> functions, GoLimits? limits = null)
{
    private readonly Dictionary<string, GoListNode> _templates = new(StringComparer.Ordinal);

    public IReadOnlyDictionary<string, GoFunction> Functions { get; } = functions;

    public GoLimits Limits { get; } = limits ?? new GoLimits();

    /// <summary>
    /// Parsed templates by name and text: a chart's templates parse once however many releases render
    /// it. The trees are never changed after parsing, so sets share them. It starts over when full.
    /// </summary>
    private static readonly ConcurrentDictionary<(string Name, string Text), (GoListNode Body, IReadOnlyDictionary<string, GoListNode> Defines)> Parsed = new();

    private const int ParsedLimit = 4096;

    /// <exception cref="GoTemplateException">The text does not parse.</exception>
    public void Add(string name, string text)
    {
        if (Parsed.Count > ParsedLimit) Parsed.Clear();
        var (body, defines) = Parsed.GetOrAdd((name, text), key => GoParser.Parse(key.Name, key.Text));
        _templates[name] = body;
        foreach (var (defined, definition) in defines)
            Define(defined, definition);
    }

    internal void Define(string name, GoListNode body) => _templates[name] = body;

    public bool Contains(string name) => _templates.ContainsKey(name);

    internal GoListNode? Find(string name) => _templates.GetValueOrDefault(name);

    /// <summary>Runs one template with <paramref name="data"/> as dot and $.</summary>
    /// <exception cref="GoTemplateException">It fails, with the file, line, column and Go's wording.</exception>
    public string Execute(string name, object? data)
    {
        using var deadline = new CancellationTokenSource(Limits.TimeLimit);
        return new GoExecution(this, deadline.Token).Include(name, data);
    }
}
