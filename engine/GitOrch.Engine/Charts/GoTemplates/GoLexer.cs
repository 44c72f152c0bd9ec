using System.Globalization;
using System.Text;

namespace GitOrch.Engine.Charts.GoTemplates;

public enum GoTokenKind { Field, Variable, Identifier, String, Number, Char, LeftParen, RightParen, Pipe, Comma, Declare, Assign }

/// <param name="SpaceBefore">Whether white space precedes it: <c>(x).a</c> chains a field, <c>(x) .a</c> passes one.</param>
public sealed record GoToken(GoTokenKind Kind, string Text, GoPosition At, bool SpaceBefore);

/// <summary>One piece of a template file: text between actions, or one action's tokens.</summary>
public abstract record GoItem(GoPosition At);

public sealed record GoTextItem(GoPosition At, string Text) : GoItem(At);

public sealed record GoActionItem(GoPosition At, string Source, List<GoToken> Tokens) : GoItem(At);

/// <summary>
/// Splits a template into text and actions as Go's lexer does: <c>{{- </c> and <c> -}}</c> trim the white
/// space beside them, <c>{{/* … */}}</c> is a comment, and strings may hold <c>}}</c>.
/// </summary>
public sealed class GoLexer
{
    private readonly string _file;
    private readonly string _text;
    private readonly List<int> _lineStarts = [0];
    private int _at;

    private GoLexer(string file, string text)
    {
        _file = file;
        _text = text;
        for (var i = 0; i < text.Length; i++)
            if (text[i] == '\n') _lineStarts.Add(i + 1);
    }

    public static List<GoItem> Split(string file, string text) => new GoLexer(file, text).Items();

    private GoPosition PositionOf(int offset)
    {
        var line = _lineStarts.BinarySearch(offset);
        if (line < 0) line = ~line - 1;
        return new GoPosition(_file, line + 1, offset - _lineStarts[line] + 1);
    }

    private List<GoItem> Items()
    {
        var items = new List<GoItem>();
        var trimNext = false;
        while (_at <= _text.Length)
        {
            var open = _text.IndexOf("{{", _at, StringComparison.Ordinal);
            var textEnd = open < 0 ? _text.Length : open;
            var text = _text[_at..textEnd];
            if (trimNext) text = text.TrimStart(' ', '\t', '\r', '\n');
            var trimLeft = open >= 0 && open + 3 < _text.Length && _text[open + 2] == '-' && IsSpace(_text[open + 3]);
            if (trimLeft) text = text.TrimEnd(' ', '\t', '\r', '\n');
            if (text.Length > 0) items.Add(new GoTextItem(PositionOf(_at), text));
            if (open < 0) break;
            _at = open + (trimLeft ? 3 : 2);
            var action = ReadAction(open, out trimNext);
            if (action is not null) items.Add(action);
        }
        return items;
    }

    private static bool IsSpace(char c) => c is ' ' or '\t' or '\r' or '\n';

    private GoActionItem? ReadAction(int open, out bool trimRight)
    {
        var start = PositionOf(open);
        SkipSpaces();
        if (At("/*"))
        {
            var close = _text.IndexOf("*/", _at + 2, StringComparison.Ordinal);
            if (close < 0) throw new GoTemplateException(start, "unclosed comment");
            _at = close + 2;
            trimRight = At(" -}}") || At("\t-}}") || At("\n-}}");
            if (trimRight) _at += 1;
            if (!At("-}}") && !At("}}")) throw new GoTemplateException(start, "comment ends before closing delimiter");
            _at += At("-}}") ? 3 : 2;
            return null;
        }
        var tokens = new List<GoToken>();
        var sourceStart = _at;
        while (true)
        {
            var spaced = SkipSpaces();
            if (_at >= _text.Length) throw new GoTemplateException(start, "unclosed action");
            if (spaced && At("-}}"))
            {
                trimRight = true;
                var source = _text[sourceStart.._at].Trim();
                _at += 3;
                return new GoActionItem(start, source, tokens);
            }
            if (At("}}"))
            {
                trimRight = false;
                var source = _text[sourceStart.._at].Trim();
                _at += 2;
                return new GoActionItem(start, source, tokens);
            }
            tokens.Add(ReadToken(spaced || tokens.Count == 0));
        }
    }

    private bool SkipSpaces()
    {
        var from = _at;
        while (_at < _text.Length && IsSpace(_text[_at])) _at++;
        return _at > from;
    }

    private bool At(string what) => string.CompareOrdinal(_text, _at, what, 0, what.Length) == 0;

    private GoToken ReadToken(bool spaceBefore)
    {
        var from = _at;
        var at = PositionOf(from);
        var c = _text[_at];
        GoToken Single(GoTokenKind kind, int length)
        {
            _at += length;
            return new GoToken(kind, _text[from.._at], at, spaceBefore);
        }
        switch (c)
        {
            case '(': return Single(GoTokenKind.LeftParen, 1);
            case ')': return Single(GoTokenKind.RightParen, 1);
            case '|': return Single(GoTokenKind.Pipe, 1);
            case ',': return Single(GoTokenKind.Comma, 1);
            case ':' when At(":="): return Single(GoTokenKind.Declare, 2);
            case '=': return Single(GoTokenKind.Assign, 1);
            case '"': return new GoToken(GoTokenKind.String, ReadQuoted(at), at, spaceBefore);
            case '`':
                var close = _text.IndexOf('`', _at + 1);
                if (close < 0) throw new GoTemplateException(at, "unterminated raw quoted string");
                _at = close + 1;
                return new GoToken(GoTokenKind.String, _text[(from + 1)..close], at, spaceBefore);
            case '\'':
                var value = ReadQuoted(at, '\'');
                if (Rune.DecodeFromUtf16(value, out var rune, out var length) != System.Buffers.OperationStatus.Done || length != value.Length)
                    throw new GoTemplateException(at, value.Length == 0 ? "empty character constant" : $"'{value}' is not one character");
                return new GoToken(GoTokenKind.Char, rune.Value.ToString(CultureInfo.InvariantCulture), at, spaceBefore);
            case '$':
                _at++;
                ReadWord();
                ReadFieldChain();
                return new GoToken(GoTokenKind.Variable, _text[from.._at], at, spaceBefore);
            case '.' when _at + 1 < _text.Length && IsWordStart(_text[_at + 1]):
                ReadFieldChain();
                return new GoToken(GoTokenKind.Field, _text[from.._at], at, spaceBefore);
            case '.' when _at + 1 >= _text.Length || !char.IsDigit(_text[_at + 1]):
                return Single(GoTokenKind.Identifier, 1);
        }
        if (char.IsDigit(c) || ((c is '-' or '+' or '.') && _at + 1 < _text.Length && (char.IsDigit(_text[_at + 1]) || _text[_at + 1] == '.')))
        {
            _at++;
            while (_at < _text.Length && (char.IsLetterOrDigit(_text[_at]) || _text[_at] is '.' or '_' || ((_text[_at] is '+' or '-') && _text[_at - 1] is 'e' or 'E' or 'p' or 'P')))
                _at++;
            return new GoToken(GoTokenKind.Number, _text[from.._at], at, spaceBefore);
        }
        if (IsWordStart(c))
        {
            ReadWord();
            return new GoToken(GoTokenKind.Identifier, _text[from.._at], at, spaceBefore);
        }
        throw new GoTemplateException(at, $"unexpected \"{c}\" in command");
    }

    private static bool IsWordStart(char c) => char.IsLetter(c) || c == '_';

    private void ReadWord()
    {
        while (_at < _text.Length && (char.IsLetterOrDigit(_text[_at]) || _text[_at] == '_')) _at++;
    }

    private void ReadFieldChain()
    {
        while (_at + 1 < _text.Length && _text[_at] == '.' && IsWordStart(_text[_at + 1]))
        {
            _at++;
            ReadWord();
        }
    }

    private string ReadQuoted(GoPosition at, char quote = '"')
    {
        var value = new StringBuilder();
        _at++;
        while (true)
        {
            if (_at >= _text.Length || _text[_at] == '\n') throw new GoTemplateException(at, "unterminated quoted string");
            var c = _text[_at++];
            if (c == quote) return value.ToString();
            if (c != '\\')
            {
                value.Append(c);
                continue;
            }
            var escape = _text[_at++];
            switch (escape)
            {
                case 'n': value.Append('\n'); break;
                case 't': value.Append('\t'); break;
                case 'r': value.Append('\r'); break;
                case 'a': value.Append('\a'); break;
                case 'b': value.Append('\b'); break;
                case 'f': value.Append('\f'); break;
                case 'v': value.Append('\v'); break;
                case '\\' or '"' or '\'': value.Append(escape); break;
                case 'x': value.Append((char)Convert.ToInt32(_text.Substring(_at, 2), 16)); _at += 2; break;
                case 'u': value.Append(char.ConvertFromUtf32(Convert.ToInt32(_text.Substring(_at, 4), 16))); _at += 4; break;
                case 'U': value.Append(char.ConvertFromUtf32(Convert.ToInt32(_text.Substring(_at, 8), 16))); _at += 8; break;
                default: throw new GoTemplateException(at, $"unknown escape sequence: \\{escape}");
            }
        }
    }
}
