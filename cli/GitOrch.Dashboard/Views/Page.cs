namespace GitOrch.Dashboard.Views;

/// <summary>A view's answer: its title, the store topics whose changes redraw it, and its main part.</summary>
internal sealed record Page(string Title, IReadOnlyList<string> Topics, string Main);
