namespace Velostream.Engine.Sql.Syntax;

/// <summary>
/// Turns SQL text into tokens and comments. Lexical errors become diagnostics and the lexer
/// carries on, so one stray character does not hide the rest of the file's errors.
/// </summary>
internal sealed class Lexer
{
    private static readonly string[] DurationUnits = ["ms", "s", "m", "h", "d"];

    private readonly string _text;
    private readonly string _file;
    private readonly List<int> _lineStarts = [0];
    private readonly List<Token> _tokens = [];
    private readonly List<Comment> _comments = [];
    private readonly List<SqlDiagnostic> _diagnostics = [];
    private int _omitted;
    private int _pos;

    private Lexer(string text, string file)
    {
        _text = text;
        _file = file;
        for (var i = 0; i < text.Length; i++)
        {
            if (text[i] == '\n')
            {
                _lineStarts.Add(i + 1);
            }
        }
    }

    public static LexResult Tokenize(string text, string file)
    {
        var lexer = new Lexer(text, file);
        lexer.Run();
        return new LexResult(lexer._tokens, lexer._comments, lexer._diagnostics) { Omitted = lexer._omitted };
    }

    /// <summary>The location of the character span [offset, offset+length) in <paramref name="text"/>.</summary>
    public SourceLocation At(int offset, int length)
    {
        var line = _lineStarts.BinarySearch(offset);
        if (line < 0)
        {
            line = ~line - 1;
        }
        return new SourceLocation(_file, line + 1, offset - _lineStarts[line] + 1, offset, length);
    }

    private void Run()
    {
        while (true)
        {
            SkipWhitespaceAndComments();
            if (_pos >= _text.Length)
            {
                _tokens.Add(new Token(TokenKind.EndOfFile, "", At(_text.Length, 0)));
                return;
            }
            var c = _text[_pos];
            if (char.IsLetter(c) || c == '_')
            {
                ReadWord();
            }
            else if (char.IsAsciiDigit(c) || (c == '.' && _pos + 1 < _text.Length && char.IsAsciiDigit(_text[_pos + 1])))
            {
                ReadNumber();
            }
            else if (c == '\'')
            {
                ReadQuoted('\'', TokenKind.String, "string literal");
            }
            else if (c is '"' or '`')
            {
                ReadQuoted(c, TokenKind.QuotedIdentifier, "quoted identifier");
            }
            else
            {
                ReadOperator(c);
            }
        }
    }

    private void SkipWhitespaceAndComments()
    {
        while (_pos < _text.Length)
        {
            var c = _text[_pos];
            if (char.IsWhiteSpace(c))
            {
                _pos++;
            }
            else if (c == '-' && Peek(1) == '-')
            {
                var start = _pos;
                var end = _text.IndexOf('\n', _pos);
                if (end < 0)
                {
                    end = _text.Length;
                }
                _pos = end;
                var body = _text[(start + 2)..end].TrimEnd('\r');
                _comments.Add(new Comment(body, At(start, end - start)));
            }
            else if (c == '/' && Peek(1) == '*')
            {
                var start = _pos;
                var end = _text.IndexOf("*/", _pos + 2, StringComparison.Ordinal);
                if (end < 0)
                {
                    Report(new SqlDiagnostic(At(start, 2), "unterminated block comment"));
                    _pos = _text.Length;
                }
                else
                {
                    _pos = end + 2;
                }
            }
            else
            {
                return;
            }
        }
    }

    /// <summary>
    /// Keeps the first <see cref="DiagnosticLimits.MaxKept"/> lexical errors and counts the rest:
    /// binary input has one per stray byte, and only the first few are ever shown.
    /// </summary>
    private void Report(SqlDiagnostic diagnostic)
    {
        if (_diagnostics.Count < DiagnosticLimits.MaxKept)
        {
            _diagnostics.Add(diagnostic);
        }
        else
        {
            _omitted++;
        }
    }

    private char Peek(int ahead) => _pos + ahead < _text.Length ? _text[_pos + ahead] : '\0';

    private static bool IsWordChar(char c) => char.IsLetterOrDigit(c) || c == '_';

    private void ReadWord()
    {
        var start = _pos;
        while (_pos < _text.Length && IsWordChar(_text[_pos]))
        {
            _pos++;
        }
        _tokens.Add(new Token(TokenKind.Identifier, _text[start.._pos], At(start, _pos - start)));
    }

    private void ReadNumber()
    {
        var start = _pos;
        var kind = TokenKind.Integer;
        while (_pos < _text.Length && char.IsAsciiDigit(_text[_pos]))
        {
            _pos++;
        }
        if (_pos < _text.Length && _text[_pos] == '.' && char.IsAsciiDigit(Peek(1)))
        {
            kind = TokenKind.Decimal;
            _pos++;
            while (_pos < _text.Length && char.IsAsciiDigit(_text[_pos]))
            {
                _pos++;
            }
        }
        if (_pos < _text.Length && _text[_pos] is 'e' or 'E')
        {
            var save = _pos;
            _pos++;
            if (_pos < _text.Length && _text[_pos] is '+' or '-')
            {
                _pos++;
            }
            if (_pos < _text.Length && char.IsAsciiDigit(_text[_pos]))
            {
                kind = TokenKind.Double;
                while (_pos < _text.Length && char.IsAsciiDigit(_text[_pos]))
                {
                    _pos++;
                }
            }
            else
            {
                _pos = save;
            }
        }
        if (kind == TokenKind.Integer && TryReadDurationUnit())
        {
            kind = TokenKind.Duration;
        }
        else if (_pos < _text.Length && IsWordChar(_text[_pos]))
        {
            // "12abc" is neither a number nor an identifier; report it whole rather than as two tokens.
            var end = _pos;
            while (end < _text.Length && IsWordChar(_text[end]))
            {
                end++;
            }
            Report(new SqlDiagnostic(At(start, end - start), $"invalid number '{_text[start..end]}'"));
            _pos = end;
            // A stand-in number keeps the parser in step, so the one mistake is reported once.
            _tokens.Add(new Token(TokenKind.Integer, "0", At(start, end - start)));
            return;
        }
        _tokens.Add(new Token(kind, _text[start.._pos], At(start, _pos - start)));
    }

    private bool TryReadDurationUnit()
    {
        foreach (var unit in DurationUnits)
        {
            var end = _pos + unit.Length;
            if (end <= _text.Length
                && string.CompareOrdinal(_text, _pos, unit, 0, unit.Length) == 0
                && (end == _text.Length || !IsWordChar(_text[end])))
            {
                _pos = end;
                return true;
            }
        }
        return false;
    }

    private void ReadQuoted(char quote, TokenKind kind, string what)
    {
        var start = _pos;
        _pos++;
        var value = new System.Text.StringBuilder();
        while (true)
        {
            if (_pos >= _text.Length)
            {
                Report(new SqlDiagnostic(At(start, 1), $"unterminated {what}"));
                _tokens.Add(new Token(kind, value.ToString(), At(start, _pos - start)));
                return;
            }
            var c = _text[_pos];
            if (c == quote)
            {
                if (Peek(1) == quote)
                {
                    value.Append(quote);
                    _pos += 2;
                    continue;
                }
                _pos++;
                break;
            }
            value.Append(c);
            _pos++;
        }
        _tokens.Add(new Token(kind, value.ToString(), At(start, _pos - start)));
    }

    private void ReadOperator(char c)
    {
        var start = _pos;
        var next = Peek(1);
        (TokenKind Kind, int Length)? op = c switch
        {
            '+' => (TokenKind.Plus, 1),
            '-' => (TokenKind.Minus, 1),
            '*' => (TokenKind.Star, 1),
            '/' => (TokenKind.Slash, 1),
            '%' => (TokenKind.Percent, 1),
            '(' => (TokenKind.LeftParen, 1),
            ')' => (TokenKind.RightParen, 1),
            ',' => (TokenKind.Comma, 1),
            '.' => (TokenKind.Dot, 1),
            ';' => (TokenKind.Semicolon, 1),
            '|' when next == '|' => (TokenKind.Concat, 2),
            '=' when next == '=' => (TokenKind.Equal, 2),
            '=' => (TokenKind.Equal, 1),
            '!' when next == '=' => (TokenKind.NotEqual, 2),
            '!' when next == '~' => (TokenKind.NotTilde, 2),
            '~' => (TokenKind.Tilde, 1),
            '<' when next == '>' => (TokenKind.NotEqual, 2),
            '<' when next == '=' => (TokenKind.LessOrEqual, 2),
            '<' => (TokenKind.Less, 1),
            '>' when next == '=' => (TokenKind.GreaterOrEqual, 2),
            '>' => (TokenKind.Greater, 1),
            _ => null,
        };
        if (op is null)
        {
            Report(new SqlDiagnostic(At(start, 1), $"unexpected character {DiagnosticLimits.Describe(c)}"));
            _pos++;
            return;
        }
        _pos += op.Value.Length;
        _tokens.Add(new Token(op.Value.Kind, _text[start.._pos], At(start, op.Value.Length)));
    }
}
