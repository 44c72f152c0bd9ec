namespace GitOrch.Engine.Charts.GoTemplates;

/// <summary>Where a node starts in its template file, counted from one as editors do.</summary>
public readonly record struct GoPosition(string File, int Line, int Column)
{
    public override string ToString() => $"{File}:{Line}:{Column}";
}

/// <summary>The syntax tree of a Go text/template, as Go's parse package shapes it.</summary>
public abstract record GoNode(GoPosition At);

public sealed record GoListNode(GoPosition At, List<GoNode> Nodes) : GoNode(At);

public sealed record GoTextNode(GoPosition At, string Text) : GoNode(At);

/// <summary>{{pipeline}}: the pipeline's value is printed unless it declares or assigns variables.</summary>
public sealed record GoActionNode(GoPosition At, GoPipeline Pipeline) : GoNode(At);

/// <summary>if, range and with: a pipeline, the list it controls and the else list.</summary>
public sealed record GoBranchNode(GoPosition At, string Keyword, GoPipeline Pipeline, GoListNode List, GoListNode? Else) : GoNode(At);

public sealed record GoTemplateCallNode(GoPosition At, string Name, GoPipeline? Pipeline) : GoNode(At);

public sealed record GoLoopControlNode(GoPosition At, bool IsBreak) : GoNode(At);

/// <summary>Commands joined by '|', optionally declaring ($x := …) or assigning ($x = …) variables first.</summary>
public sealed record GoPipeline(GoPosition At, string Source, List<string> Variables, bool IsAssignment, List<GoCommand> Commands);

public sealed record GoCommand(GoPosition At, List<GoOperand> Arguments);

/// <summary>An argument of a command.</summary>
public abstract record GoOperand(GoPosition At, string Source);

public sealed record GoDotOperand(GoPosition At) : GoOperand(At, ".");

public sealed record GoNilOperand(GoPosition At) : GoOperand(At, "nil");

public sealed record GoConstantOperand(GoPosition At, string Source, object Value) : GoOperand(At, Source);

/// <summary>.A.B: fields of dot.</summary>
public sealed record GoFieldOperand(GoPosition At, string Source, List<string> Fields) : GoOperand(At, Source);

/// <summary>$x.A.B, or $ alone.</summary>
public sealed record GoVariableOperand(GoPosition At, string Source, string Name, List<string> Fields) : GoOperand(At, Source);

/// <summary>A function name: the first word of a command calls it.</summary>
public sealed record GoIdentifierOperand(GoPosition At, string Name) : GoOperand(At, Name);

/// <summary>(pipeline).A.B</summary>
public sealed record GoPipeOperand(GoPosition At, string Source, GoPipeline Pipeline, List<string> Fields) : GoOperand(At, Source);
