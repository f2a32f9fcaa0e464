namespace Velostream.Tests.Monitoring;

/// <summary>One metric an expression reads, with every label the expression relies on it having.</summary>
/// <param name="Metric">The metric name in the selector.</param>
/// <param name="Labels">Labels in the selector's matchers and in the <c>by</c>/<c>without</c> clauses of enclosing aggregations.</param>
internal sealed record MetricUse(string Metric, IReadOnlySet<string> Labels);

/// <summary>
/// A small PromQL reader that finds which metrics an expression selects and which labels it expects on
/// them. It is not an evaluator: promtool evaluates the expressions (see PromtoolTests). Vector matching
/// (<c>on</c>, <c>ignoring</c>, <c>group_left</c>) is rejected rather than half-understood, since the
/// dashboards do not need it.
/// </summary>
internal static class PromQlSelectors
{
    private static readonly HashSet<string> Keywords = new(StringComparer.Ordinal)
    {
        "bool", "and", "or", "unless", "offset", "inf", "nan", "Inf", "NaN",
    };

    private static readonly HashSet<string> VectorMatching = new(StringComparer.Ordinal)
    {
        "on", "ignoring", "group_left", "group_right",
    };

    public static IReadOnlyList<MetricUse> Extract(string expression)
    {
        var tokens = Tokenize(expression);
        var matching = MatchParentheses(tokens, expression);
        var uses = new List<(int Position, string Metric, HashSet<string> Labels)>();
        var groupings = new List<(int Start, int End, string[] Labels)>();

        for (var i = 0; i < tokens.Count; i++)
        {
            var token = tokens[i];
            if (token.Kind == TokenKind.LeftBrace)
            {
                throw new FormatException($"Selector without a metric name at {token.Offset} in: {expression}");
            }
            if (token.Kind != TokenKind.Identifier || Keywords.Contains(token.Text))
            {
                continue;
            }
            if (VectorMatching.Contains(token.Text))
            {
                throw new NotSupportedException($"'{token.Text}' is not supported by this reader: {expression}");
            }
            if (token.Text is "by" or "without")
            {
                var (labels, listEnd) = ReadLabelList(tokens, i + 1, expression);
                int start, end;
                if (i > 0 && tokens[i - 1].Kind == TokenKind.RightParen)
                {
                    end = i - 1;
                    start = matching[end];
                }
                else
                {
                    start = listEnd + 1;
                    if (start >= tokens.Count || tokens[start].Kind != TokenKind.LeftParen)
                    {
                        throw new FormatException($"Aggregation without an argument after '{token.Text}' in: {expression}");
                    }
                    end = matching[start];
                }
                groupings.Add((start, end, labels));
                i = listEnd;
                continue;
            }
            if (i + 1 < tokens.Count && (tokens[i + 1].Kind == TokenKind.LeftParen || tokens[i + 1].Text is "by" or "without"))
            {
                continue; // a function or an aggregation operator
            }

            var matchers = new HashSet<string>(StringComparer.Ordinal);
            var position = i;
            if (i + 1 < tokens.Count && tokens[i + 1].Kind == TokenKind.LeftBrace)
            {
                i = ReadMatchers(tokens, i + 2, matchers, expression);
            }
            uses.Add((position, token.Text, matchers));
        }

        foreach (var (start, end, labels) in groupings)
        {
            foreach (var use in uses.Where(u => u.Position > start && u.Position < end))
            {
                use.Labels.UnionWith(labels);
            }
        }
        return [.. uses.Select(u => new MetricUse(u.Metric, u.Labels))];
    }

    /// <summary>Reads Grafana's <c>label_values(metric, label)</c> variable query.</summary>
    public static MetricUse? LabelValuesQuery(string query)
    {
        var tokens = Tokenize(query);
        if (tokens is [{ Text: "label_values" }, { Kind: TokenKind.LeftParen }, { Kind: TokenKind.Identifier } metric, { Kind: TokenKind.Comma }, { Kind: TokenKind.Identifier } label, { Kind: TokenKind.RightParen }])
        {
            return new MetricUse(metric.Text, new HashSet<string>(StringComparer.Ordinal) { label.Text });
        }
        return null;
    }

    private static (string[] Labels, int End) ReadLabelList(List<Token> tokens, int i, string expression)
    {
        if (i >= tokens.Count || tokens[i].Kind != TokenKind.LeftParen)
        {
            throw new FormatException($"Expected '(' after by/without in: {expression}");
        }
        var labels = new List<string>();
        for (i++; i < tokens.Count && tokens[i].Kind != TokenKind.RightParen; i++)
        {
            if (tokens[i].Kind == TokenKind.Identifier)
            {
                labels.Add(tokens[i].Text);
            }
            else if (tokens[i].Kind != TokenKind.Comma)
            {
                throw new FormatException($"Unexpected '{tokens[i].Text}' in a label list in: {expression}");
            }
        }
        return ([.. labels], i);
    }

    private static int ReadMatchers(List<Token> tokens, int i, HashSet<string> labels, string expression)
    {
        for (; i < tokens.Count && tokens[i].Kind != TokenKind.RightBrace; i++)
        {
            if (tokens[i].Kind == TokenKind.Comma)
            {
                continue;
            }
            if (tokens[i].Kind != TokenKind.Identifier || i + 2 >= tokens.Count
                || tokens[i + 1].Kind != TokenKind.Operator || tokens[i + 2].Kind != TokenKind.String)
            {
                throw new FormatException($"Malformed label matcher at {tokens[i].Offset} in: {expression}");
            }
            labels.Add(tokens[i].Text);
            i += 2;
        }
        if (i >= tokens.Count)
        {
            throw new FormatException($"Unclosed '{{' in: {expression}");
        }
        return i;
    }

    private static Dictionary<int, int> MatchParentheses(List<Token> tokens, string expression)
    {
        var matching = new Dictionary<int, int>();
        var open = new Stack<int>();
        for (var i = 0; i < tokens.Count; i++)
        {
            if (tokens[i].Kind == TokenKind.LeftParen)
            {
                open.Push(i);
            }
            else if (tokens[i].Kind == TokenKind.RightParen)
            {
                if (open.Count == 0)
                {
                    throw new FormatException($"Unbalanced ')' at {tokens[i].Offset} in: {expression}");
                }
                var left = open.Pop();
                matching[left] = i;
                matching[i] = left;
            }
        }
        if (open.Count > 0)
        {
            throw new FormatException($"Unbalanced '(' in: {expression}");
        }
        return matching;
    }

    private enum TokenKind { Identifier, Number, String, Range, LeftParen, RightParen, LeftBrace, RightBrace, Comma, Operator }

    private readonly record struct Token(TokenKind Kind, string Text, int Offset);

    private static List<Token> Tokenize(string text)
    {
        var tokens = new List<Token>();
        var i = 0;
        while (i < text.Length)
        {
            var c = text[i];
            var start = i;
            if (char.IsWhiteSpace(c))
            {
                i++;
            }
            else if (char.IsAsciiLetter(c) || c is '_' or ':')
            {
                while (i < text.Length && (char.IsAsciiLetterOrDigit(text[i]) || text[i] is '_' or ':'))
                {
                    i++;
                }
                tokens.Add(new Token(TokenKind.Identifier, text[start..i], start));
            }
            else if (char.IsAsciiDigit(c) || (c == '.' && i + 1 < text.Length && char.IsAsciiDigit(text[i + 1])))
            {
                // Numbers and durations (5m, 1h30m) alike; their value does not matter here.
                while (i < text.Length && (char.IsAsciiLetterOrDigit(text[i]) || text[i] == '.'))
                {
                    i++;
                }
                tokens.Add(new Token(TokenKind.Number, text[start..i], start));
            }
            else if (c is '"' or '\'' or '`')
            {
                for (i++; i < text.Length && text[i] != c; i++)
                {
                    if (text[i] == '\\' && c != '`')
                    {
                        i++;
                    }
                }
                if (i >= text.Length)
                {
                    throw new FormatException($"Unclosed string at {start} in: {text}");
                }
                i++;
                tokens.Add(new Token(TokenKind.String, text[start..i], start));
            }
            else if (c == '[')
            {
                var end = text.IndexOf(']', i);
                if (end < 0)
                {
                    throw new FormatException($"Unclosed '[' at {start} in: {text}");
                }
                i = end + 1;
                tokens.Add(new Token(TokenKind.Range, text[start..i], start));
            }
            else
            {
                i++;
                var kind = c switch
                {
                    '(' => TokenKind.LeftParen,
                    ')' => TokenKind.RightParen,
                    '{' => TokenKind.LeftBrace,
                    '}' => TokenKind.RightBrace,
                    ',' => TokenKind.Comma,
                    _ => TokenKind.Operator,
                };
                if (kind == TokenKind.Operator && i < text.Length && text[i] is '=' or '~')
                {
                    i++;
                }
                if (kind == TokenKind.Operator && !"+-*/%^=!<>~".Contains(c, StringComparison.Ordinal))
                {
                    throw new FormatException($"Unexpected '{c}' at {start} in: {text}");
                }
                tokens.Add(new Token(kind, text[start..i], start));
            }
        }
        return tokens;
    }
}
