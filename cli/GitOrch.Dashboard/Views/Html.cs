using System.Net;
using System.Text;

namespace GitOrch.Dashboard.Views;

/// <summary>Building blocks of the pages. Every text from the store or Git goes through <see cref="E"/>; cells and fragments passed in are HTML already.</summary>
internal static class Html
{
    public static string E(string? text) => WebUtility.HtmlEncode(text ?? "");

    public static string Link(string href, string text) => $"<a href=\"{E(href)}\">{E(text)}</a>";

    public static string Heading(string text) => $"<h1>{E(text)}</h1>";

    public static string Section(string title, string body) => $"<section aria-label=\"{E(title)}\"><h2>{E(title)}</h2>{body}</section>";

    /// <summary>A state as a word with a colour class; the word carries the meaning, the colour only repeats it.</summary>
    public static string Badge(string state) => $"<span class=\"badge {StateClass(state)}\">{E(state)}</span>";

    public static string Table(string caption, IReadOnlyList<string> headers, IEnumerable<IReadOnlyList<string>> rows, string empty = "none")
    {
        var body = new StringBuilder();
        foreach (var row in rows)
            body.Append("<tr>").AppendJoin("", row.Select(cell => $"<td>{cell}</td>")).Append("</tr>");
        if (body.Length == 0) return $"<p class=\"empty\">{E(caption)}: {E(empty)}</p>";
        return $"<div class=\"table\" role=\"region\" tabindex=\"0\" aria-label=\"{E(caption)}\"><table><caption>{E(caption)}</caption><thead><tr>{string.Concat(headers.Select(header => $"<th scope=\"col\">{E(header)}</th>"))}</tr></thead><tbody>{body}</tbody></table></div>";
    }

    public static string DefinitionList(IEnumerable<(string Term, string Value)> items) =>
        $"<dl>{string.Concat(items.Select(item => $"<dt>{E(item.Term)}</dt><dd>{item.Value}</dd>"))}</dl>";

    /// <summary>A POST form with one button, carrying the session's CSRF token and the given fields.</summary>
    public static string ActionButton(string action, string csrf, string label, params (string Name, string Value)[] fields) =>
        $"<form method=\"post\" action=\"{E(action)}\" class=\"action\"><input type=\"hidden\" name=\"csrf\" value=\"{E(csrf)}\">" +
        string.Concat(fields.Select(field => $"<input type=\"hidden\" name=\"{E(field.Name)}\" value=\"{E(field.Value)}\">")) +
        $"<button type=\"submit\">{E(label)}</button></form>";

    public static string Pre(string text, string label) => $"<pre tabindex=\"0\" aria-label=\"{E(label)}\">{E(text)}</pre>";

    public static string Age(DateTimeOffset? at)
    {
        if (at is null) return "";
        var age = DateTimeOffset.UtcNow - at.Value;
        var text = age.TotalSeconds < 120 ? $"{Math.Max(0, (int)age.TotalSeconds)}s"
            : age.TotalMinutes < 120 ? $"{(int)age.TotalMinutes}m"
            : age.TotalHours < 48 ? $"{(int)age.TotalHours}h"
            : $"{(int)age.TotalDays}d";
        return $"<time datetime=\"{at.Value.UtcDateTime:O}\" title=\"{at.Value.UtcDateTime:u}\">{text}</time>";
    }

    private static string StateClass(string state) => state switch
    {
        "Healthy" or "Ready" or "Running" or "Synced" or "Succeeded" or "Completed" or "Successful" or "Normal" or "applied" => "good",
        "Degraded" or "Failed" or "Aborted" or "NotReady" or "Warning" or "OutOfSync" or "failed" or "CrashLoopBackOff" or "ErrImagePull" => "bad",
        _ => "neutral",
    };
}
