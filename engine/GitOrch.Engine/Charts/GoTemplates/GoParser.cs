using System.Globalization;

namespace GitOrch.Engine.Charts.GoTemplates;

/// <summary>
/// Builds the tree of one template file from its items: the file's own body, and the templates it
/// defines with <c>define</c> or <c>block</c>.
/// </summary>
public sealed class GoParser
{
    private static readonly HashSet<string> Keywords = ["if", "else", "end", "range", "with", "define", "template", "block", "break", "continue"];

    private readonly List<GoItem> _items;
    private readonly Dictionary<string, GoListNode> _defines = [];
    private int _next;
    private int _rangeDepth;

    private GoParser(List<GoItem> items) => _items = items;

    public static (GoListNode Body, IReadOnlyDictionary<string, GoListNode> Defines) Parse(string file, string text)
    {
        var parser = new GoParser(GoLexer.Split(file, text));
        var body = parser.ParseList(new GoPosition(file, 1, 1), out var terminator);
        if (terminator is not null) throw new GoTemplateException(terminator.At, $"unexpected {{{{{terminator.Tokens[0].Text}}}}}");
        return (body, parser._defines);
    }

    /// <summary>Items up to an {{end}} or {{else}}, which is handed back in <paramref name="terminator"/>; null at the end of the file.</summary>
    private GoListNode ParseList(GoPosition at, out GoActionItem? terminator)
    {
        var nodes = new List<GoNode>();
        while (_next < _items.Count)
        {
            var item = _items[_next++];
            if (item is GoTextItem text)
            {
                nodes.Add(new GoTextNode(text.At, text.Text));
                continue;
            }
            var action = (GoActionItem)item;
            if (action.Tokens.Count == 0) throw new GoTemplateException(action.At, "missing value for command");
            var first = action.Tokens[0];
            var keyword = first.Kind == GoTokenKind.Identifier && Keywords.Contains(first.Text) ? first.Text : null;
            switch (keyword)
            {
                case "end" or "else":
                    terminator = action;
                    return new GoListNode(at, nodes);
                case "if" or "range" or "with":
                    nodes.Add(ParseBranch(action, keyword, 1));
                    break;
                case "define":
                    ParseDefine(action);
                    break;
                case "block":
                    nodes.Add(ParseBlock(action));
                    break;
                case "template":
                    nodes.Add(ParseTemplateCall(action));
                    break;
                case "break" or "continue":
                    if (_rangeDepth == 0) throw new GoTemplateException(action.At, $"{{{{{keyword}}}}} outside {{{{range}}}}");
                    nodes.Add(new GoLoopControlNode(action.At, keyword == "break"));
                    break;
                default:
                    nodes.Add(new GoActionNode(action.At, ParseWholePipeline(action, 0, "command")));
                    break;
            }
        }
        terminator = null;
        return new GoListNode(at, nodes);
    }

    private GoBranchNode ParseBranch(GoActionItem action, string keyword, int from)
    {
        var pipeline = ParseWholePipeline(action, from, keyword);
        if (keyword == "range") _rangeDepth++;
        var list = ParseList(action.At, out var terminator);
        if (keyword == "range") _rangeDepth--;
        if (terminator is null) throw new GoTemplateException(action.At, $"unexpected EOF: {{{{{keyword}}}}} has no {{{{end}}}}");
        GoListNode? otherwise = null;
        if (terminator.Tokens[0].Text == "else")
        {
            if (terminator.Tokens.Count > 1 && terminator.Tokens[1].Text is "if" or "with" && keyword != "range")
            {
                // {{else if …}} and {{else with …}} share the {{end}} of the branch they continue.
                otherwise = new GoListNode(terminator.At, [ParseBranch(terminator, terminator.Tokens[1].Text, 2)]);
                return new GoBranchNode(action.At, keyword, pipeline, list, otherwise);
            }
            if (terminator.Tokens.Count > 1) throw new GoTemplateException(terminator.At, $"unexpected \"{terminator.Tokens[1].Text}\" in else");
            otherwise = ParseList(terminator.At, out terminator);
            if (terminator is null || terminator.Tokens[0].Text != "end")
                throw new GoTemplateException(action.At, $"expected end; found {(terminator is null ? "EOF" : "{{else}}")}");
        }
        if (terminator.Tokens.Count > 1) throw new GoTemplateException(terminator.At, "unexpected token after end");
        return new GoBranchNode(action.At, keyword, pipeline, list, otherwise);
    }

    private static string TemplateName(GoActionItem action, string keyword)
    {
        if (action.Tokens.Count < 2 || action.Tokens[1].Kind != GoTokenKind.String)
            throw new GoTemplateException(action.At, $"{keyword} needs a template name in quotes");
        return action.Tokens[1].Text;
    }

    private void ParseDefine(GoActionItem action)
    {
        var name = TemplateName(action, "define");
        if (action.Tokens.Count > 2) throw new GoTemplateException(action.At, "unexpected token in define clause");
        _defines[name] = ParseBody(action, "define");
    }

    private GoTemplateCallNode ParseBlock(GoActionItem action)
    {
        var name = TemplateName(action, "block");
        var pipeline = action.Tokens.Count > 2 ? ParseWholePipeline(action, 2, "block") : null;
        _defines[name] = ParseBody(action, "block");
        return new GoTemplateCallNode(action.At, name, pipeline);
    }

    private GoListNode ParseBody(GoActionItem action, string keyword)
    {
        var body = ParseList(action.At, out var terminator);
        if (terminator is null || terminator.Tokens[0].Text != "end")
            throw new GoTemplateException(action.At, $"unexpected {(terminator is null ? "EOF" : "{{else}}")} in {keyword}");
        return body;
    }

    private static GoTemplateCallNode ParseTemplateCall(GoActionItem action)
    {
        var name = TemplateName(action, "template");
        return new GoTemplateCallNode(action.At, name, action.Tokens.Count > 2 ? ParseWholePipeline(action, 2, "template") : null);
    }

    private static GoPipeline ParseWholePipeline(GoActionItem action, int from, string context)
    {
        var at = from;
        var pipeline = ParsePipeline(action, action.Tokens, ref at, context);
        if (at < action.Tokens.Count) throw new GoTemplateException(action.Tokens[at].At, $"unexpected \"{action.Tokens[at].Text}\" in {context}");
        return pipeline;
    }

    private static GoPipeline ParsePipeline(GoActionItem action, List<GoToken> tokens, ref int at, string context)
    {
        var start = at < tokens.Count ? tokens[at].At : action.At;
        var variables = new List<string>();
        var assignment = false;
        if (DeclarationLength(tokens, at, context) is var length and > 0)
        {
            for (var i = at; i < at + length - 1; i += 2) variables.Add(tokens[i].Text);
            assignment = tokens[at + length - 1].Kind == GoTokenKind.Assign;
            at += length;
        }
        var commands = new List<GoCommand>();
        while (true)
        {
            var command = ParseCommand(action, tokens, ref at, context);
            commands.Add(command);
            if (at < tokens.Count && tokens[at].Kind == GoTokenKind.Pipe)
            {
                at++;
                continue;
            }
            break;
        }
        return new GoPipeline(start, action.Source, variables, assignment, commands);
    }

    /// <summary>How many tokens declare variables at <paramref name="at"/>: <c>$x :=</c>, <c>$x =</c>, or in range <c>$i, $v :=</c>.</summary>
    private static int DeclarationLength(List<GoToken> tokens, int at, string context)
    {
        bool Is(int i, GoTokenKind kind) => i < tokens.Count && tokens[i].Kind == kind;
        bool PlainVariable(int i) => Is(i, GoTokenKind.Variable) && !tokens[i].Text.Contains('.');
        if (PlainVariable(at) && (Is(at + 1, GoTokenKind.Declare) || Is(at + 1, GoTokenKind.Assign))) return 2;
        if (context == "range" && PlainVariable(at) && Is(at + 1, GoTokenKind.Comma) && PlainVariable(at + 2)
            && (Is(at + 3, GoTokenKind.Declare) || Is(at + 3, GoTokenKind.Assign)))
            return 4;
        return 0;
    }

    private static GoCommand ParseCommand(GoActionItem action, List<GoToken> tokens, ref int at, string context)
    {
        var start = at < tokens.Count ? tokens[at].At : action.At;
        var operands = new List<GoOperand>();
        while (at < tokens.Count && tokens[at].Kind is not (GoTokenKind.Pipe or GoTokenKind.RightParen))
            operands.Add(ParseOperand(action, tokens, ref at, context));
        if (operands.Count == 0) throw new GoTemplateException(start, $"missing value for {context}");
        return new GoCommand(start, operands);
    }

    private static GoOperand ParseOperand(GoActionItem action, List<GoToken> tokens, ref int at, string context)
    {
        var token = tokens[at++];
        switch (token.Kind)
        {
            case GoTokenKind.LeftParen:
                var inner = ParsePipeline(action, tokens, ref at, "parenthesized pipeline");
                if (at >= tokens.Count || tokens[at].Kind != GoTokenKind.RightParen) throw new GoTemplateException(token.At, "unclosed left paren");
                at++;
                var fields = new List<string>();
                while (at < tokens.Count && tokens[at].Kind == GoTokenKind.Field && !tokens[at].SpaceBefore)
                    fields.AddRange(tokens[at++].Text[1..].Split('.'));
                return new GoPipeOperand(token.At, $"({inner.Source})", inner, fields);
            case GoTokenKind.Field:
                return new GoFieldOperand(token.At, token.Text, [.. token.Text[1..].Split('.')]);
            case GoTokenKind.Variable:
                var parts = token.Text.Split('.');
                return new GoVariableOperand(token.At, token.Text, parts[0], [.. parts[1..]]);
            case GoTokenKind.String:
                return new GoConstantOperand(token.At, $"\"{token.Text}\"", token.Text);
            case GoTokenKind.Char:
                return new GoConstantOperand(token.At, token.Text, long.Parse(token.Text, CultureInfo.InvariantCulture));
            case GoTokenKind.Number:
                return new GoConstantOperand(token.At, token.Text, ParseNumber(token));
            case GoTokenKind.Identifier:
                return token.Text switch
                {
                    "." => new GoDotOperand(token.At),
                    "nil" => new GoNilOperand(token.At),
                    "true" => new GoConstantOperand(token.At, "true", true),
                    "false" => new GoConstantOperand(token.At, "false", false),
                    _ when Keywords.Contains(token.Text) => throw new GoTemplateException(token.At, $"unexpected <{token.Text}> in {context}"),
                    _ => new GoIdentifierOperand(token.At, token.Text),
                };
            default:
                throw new GoTemplateException(token.At, $"unexpected \"{token.Text}\" in {context}");
        }
    }

    private static object ParseNumber(GoToken token)
    {
        var text = token.Text.Replace("_", "");
        var negative = text.StartsWith('-');
        var digits = text.TrimStart('-', '+');
        if (digits.StartsWith("0x", StringComparison.OrdinalIgnoreCase) && long.TryParse(digits[2..], NumberStyles.HexNumber, CultureInfo.InvariantCulture, out var hex))
            return negative ? -hex : hex;
        if (digits.StartsWith("0o", StringComparison.OrdinalIgnoreCase))
            return (negative ? -1 : 1) * Convert.ToInt64(digits[2..], 8);
        if (digits.StartsWith("0b", StringComparison.OrdinalIgnoreCase))
            return (negative ? -1 : 1) * Convert.ToInt64(digits[2..], 2);
        if (long.TryParse(text, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var whole)) return whole;
        if (double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var real)) return real;
        throw new GoTemplateException(token.At, $"bad number syntax: \"{token.Text}\"");
    }
}
