using System.Globalization;
using Velostream.Engine.Sql.Ast;
using Velostream.Engine.Sql.Syntax;
using Velostream.Engine.Sql.Types;

namespace Velostream.Engine.Sql.Parsing;

/// <summary>
/// Hand-written recursive-descent parser over the lexer's tokens, with precedence climbing for
/// expressions. Syntax errors throw <see cref="ParseException"/> up to the statement boundary;
/// the caller records them and resumes at the next statement.
/// </summary>
internal sealed partial class Parser
{
    // Binding powers, loosest first. NOT binds looser than comparison so `NOT a = b` is `NOT (a = b)`.
    private const int PrecOr = 1;
    private const int PrecAnd = 2;
    private const int PrecNot = 3;
    private const int PrecCompare = 4;
    private const int PrecAdditive = 5;
    private const int PrecMultiplicative = 6;

    /// <summary>
    /// The deepest expression tree accepted. Every later stage (validator, planner, compiler,
    /// evaluator, printer) walks expressions recursively, so the limit is what keeps one request
    /// from overflowing the stack. A left-deep chain counts one level per operator
    /// (<c>a OR b OR …</c>, <c>p + p + …</c>): long lists belong in <c>IN (…)</c>, which is flat.
    /// </summary>
    public const int MaxExpressionDepth = 256;

    /// <summary>The message of the error raised when an expression goes deeper than <see cref="MaxExpressionDepth"/>.</summary>
    public static readonly string TooDeepMessage =
        $"expression nested too deeply (the limit is {MaxExpressionDepth} levels; each operator of a chain such as a OR b OR … counts one; use IN (…) for long lists)";

    private readonly IReadOnlyList<Token> _tokens;
    private readonly string _text;
    private readonly HashSet<int> _lexicalErrorOffsets;
    private readonly List<SqlDiagnostic> _recovered = [];
    private readonly HashSet<int> _absorbed = [];
    private int _pos;
    private int _depth;
    private Identifier? _into;
    private readonly List<StreamDeclaration> _declarations = [];

    public Parser(IReadOnlyList<Token> tokens, string text, IReadOnlyList<SqlDiagnostic>? lexicalErrors = null)
    {
        _tokens = tokens;
        _text = text;
        _lexicalErrorOffsets = (lexicalErrors ?? []).Select(d => d.Location.Offset).ToHashSet();
    }

    /// <summary>
    /// Errors the parser reported without abandoning the statement (a bad window duration), so the
    /// rest of the statement is still checked for meaning. The caller collects them.
    /// </summary>
    public IReadOnlyList<SqlDiagnostic> Recovered => _recovered;

    /// <summary>Offsets of lexical errors that stood where a window duration belongs and were replaced like <see cref="Recovered"/> ones.</summary>
    public IReadOnlySet<int> AbsorbedLexicalErrors => _absorbed;

    /// <summary>The <c>CREATE STREAM name WITH (…)</c> declarations met so far (they are not statements).</summary>
    public IReadOnlyList<StreamDeclaration> Declarations => _declarations;

    public Token Current => _tokens[_pos];

    public bool AtEnd => Current.Kind == TokenKind.EndOfFile;

    private Token Previous => _tokens[_pos - 1];

    private Token PeekAhead(int n) => _tokens[Math.Min(_pos + n, _tokens.Count - 1)];

    // ---------------------------------------------------------------- statements

    /// <summary>
    /// Parses one statement starting at the current token; stops before its terminating <c>;</c>.
    /// Null for a <c>CREATE STREAM name WITH (…)</c> declaration, which goes to <see cref="Declarations"/>.
    /// </summary>
    public Statement? ParseStatement()
    {
        _into = null;
        if (TryParseInsertOrDeclaration() is { } handled)
        {
            return handled.Statement;
        }
        var start = Current;
        if (Current.IsKeyword("CREATE"))
        {
            Advance();
            var isTable = false;
            if (Current.IsKeyword("TABLE"))
            {
                isTable = true;
            }
            else if (!Current.IsKeyword("STREAM"))
            {
                throw Error("expected STREAM or TABLE");
            }
            Advance();
            var name = ParseIdentifier("stream or table name");
            ExpectKeyword("AS");
            var (query, properties) = ParseQueryWithProperties();
            var text = SourceTextFrom(start);
            var location = SpanFrom(start);
            if (_into is { } into)
            {
                return new InsertStatement(into, name, query, properties, [], text, location);
            }
            return isTable
                ? new CreateTableStatement(name, query, properties, [], text, location)
                : new CreateStreamStatement(name, query, properties, [], text, location);
        }
        if (Current.IsKeyword("SELECT"))
        {
            var (query, properties) = ParseQueryWithProperties();
            return _into is { } into
                ? new InsertStatement(into, null, query, properties, [], SourceTextFrom(start), SpanFrom(start))
                : new SelectStatement(query, properties, [], SourceTextFrom(start), SpanFrom(start));
        }
        throw Error("expected CREATE STREAM, CREATE TABLE or SELECT");
    }

    // INSERT INTO sink SELECT …, and CREATE STREAM name WITH (…) (a declaration, no AS SELECT).
    private (Statement? Statement, bool)? TryParseInsertOrDeclaration()
    {
        var start = Current;
        if (Current.IsKeyword("INSERT"))
        {
            Advance();
            ExpectKeyword("INTO");
            var sink = ParseIdentifier("sink name");
            if (!Current.IsKeyword("SELECT"))
            {
                throw Error("expected SELECT");
            }
            var (query, properties) = ParseQueryWithProperties();
            if (_into is not null)
            {
                throw new ParseException(new SqlDiagnostic(_into.Location, "INSERT INTO already names the sink; remove this INTO"));
            }
            return (new InsertStatement(sink, null, query, properties, [], SourceTextFrom(start), SpanFrom(start)), true);
        }
        if (Current.IsKeyword("CREATE") && PeekAhead(1).IsKeyword("STREAM") && PeekAhead(3).IsKeyword("WITH"))
        {
            Advance();
            Advance();
            var name = ParseIdentifier("stream name");
            var with = Current;
            Advance();
            var properties = ParseProperties(with);
            _declarations.Add(new StreamDeclaration(name, properties, SpanFrom(start)));
            return (null, true);
        }
        return null;
    }

    // INTO sink: one sink per statement.
    private Identifier ParseInto()
    {
        var sink = ParseIdentifier("sink name after INTO");
        if (Current.Kind == TokenKind.Comma)
        {
            throw Error("one sink per statement (write one statement per sink), expected the end of INTO");
        }
        return sink;
    }

    /// <summary>Position of the current token, to resynchronise after an error.</summary>
    public int Position => _pos;

    /// <summary>
    /// After a syntax error in the statement that began at <paramref name="statementStart"/>: skips to
    /// just after the next <c>;</c>, or to the next CREATE (a forgotten <c>;</c> should not hide the
    /// following statement), always moving forward at least one token.
    /// </summary>
    public void SkipToNextStatement(int statementStart)
    {
        while (!AtEnd)
        {
            if (Current.Kind == TokenKind.Semicolon)
            {
                Advance();
                return;
            }
            if (Current.IsKeyword("CREATE") && _pos > statementStart)
            {
                return;
            }
            Advance();
        }
    }

    /// <summary>After a statement: a <c>;</c> (any number) or the end of input.</summary>
    public void ExpectStatementEnd()
    {
        if (AtEnd)
        {
            return;
        }
        if (Current.Kind != TokenKind.Semicolon)
        {
            throw Error("expected ';' or end of input");
        }
        while (Current.Kind == TokenKind.Semicolon)
        {
            Advance();
        }
    }

    public void SkipSemicolons()
    {
        while (Current.Kind == TokenKind.Semicolon)
        {
            Advance();
        }
    }

    private string SourceTextFrom(Token start)
    {
        var last = Previous.Location;
        return _text[start.Location.Offset..(last.Offset + last.Length)];
    }

    private SourceLocation SpanFrom(Token start) => SourceLocation.Span(start.Location, Previous.Location);

    // ---------------------------------------------------------------- SELECT

    private (SelectQuery Query, PropertyList Properties) ParseQueryWithProperties()
    {
        var start = Current;
        ExpectKeyword("SELECT");
        var distinct = AcceptKeyword("DISTINCT");
        var items = ParseSelectItems();
        if (AcceptKeyword("INTO"))
        {
            _into = ParseInto();
        }
        // SELECT without FROM (constants only): one row, read from a placeholder source.
        var hasFrom = Current.IsKeyword("FROM") || !EndsSelectList(Current);
        if (hasFrom)
        {
            ExpectKeyword("FROM");
        }
        var from = hasFrom ? ParseSourceRef() : new SourceRef(new Identifier(NoFromSource, Current.Location with { Length = 0 }), null, Current.Location with { Length = 0 });
        _from = from;
        var joins = new List<JoinClause>();
        while (TryParseJoin() is { } join)
        {
            joins.Add(join);
        }

        Expr? where = null;
        Expr? having = null;
        Expr? limit = null;
        WindowSpec? window = null;
        EmitClause? emit = null;
        PropertyList? properties = null;
        IReadOnlyList<Expr> groupBy = [];
        IReadOnlyList<OrderItem> orderBy = [];
        var seen = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        var queryEnd = Current;

        // Velostream applications write the trailing clauses in more than one order (WINDOW before
        // or after GROUP BY, EMIT before WITH), so each is accepted once in any order.
        while (true)
        {
            var clause = Current;
            string? name = clause.Kind == TokenKind.Identifier ? clause.Text.ToUpperInvariant() : null;
            if (name is not ("WHERE" or "GROUP" or "HAVING" or "WINDOW" or "ORDER" or "LIMIT" or "EMIT" or "WITH" or "INTO"))
            {
                break;
            }
            if (!seen.Add(name))
            {
                throw new ParseException(new SqlDiagnostic(clause.Location, $"duplicate {ClauseTitle(name)} clause"));
            }
            Advance();
            switch (name)
            {
                case "WHERE":
                    where = ParseExpression();
                    break;
                case "GROUP":
                    ExpectKeyword("BY");
                    groupBy = ParseExpressionList();
                    break;
                case "HAVING":
                    having = ParseExpression();
                    break;
                case "WINDOW":
                    window = ParseWindow(clause);
                    break;
                case "ORDER":
                    ExpectKeyword("BY");
                    orderBy = ParseOrderItems();
                    break;
                case "LIMIT":
                    limit = ParseExpression();
                    break;
                case "EMIT":
                    emit = ParseEmit(clause);
                    break;
                case "WITH":
                    properties = ParseProperties(clause);
                    break;
                case "INTO":
                    _into = ParseInto();
                    break;
            }
            if (name != "WITH")
            {
                queryEnd = Previous;
            }
        }

        (groupBy, window) = SplitGroupByWindow(groupBy, window);
        var query = SubqueryRewriter.Rewrite(new SelectQuery(
            distinct, items, from, joins, where, groupBy, having, window, orderBy, limit, emit,
            SourceLocation.Span(start.Location, (properties is null ? Previous : queryEnd).Location)) { HasFrom = hasFrom });
        if (Current.IsKeyword("UNION"))
        {
            return ParseUnionAll(query, properties);
        }
        return (query, properties ?? PropertyList.Empty(Current.Location with { Length = 0 }));
    }

    /// <summary>The placeholder source name of a SELECT without FROM (not writable as a name).</summary>
    public const string NoFromSource = "(no FROM)";

    // What may follow a SELECT list that has no FROM: the end of the statement, a clause, UNION, ')'.
    private bool EndsSelectList(Token token) =>
        token.Kind is TokenKind.Semicolon or TokenKind.RightParen || AtEnd
        || (token.Kind == TokenKind.Identifier && token.Text.ToUpperInvariant() is "WHERE" or "WITH" or "UNION" or "EMIT" or "LIMIT" or "ORDER" or "INTO");

    // first UNION ALL SELECT … [UNION ALL SELECT …]… [WITH (…)]: the statement's WITH follows the last SELECT.
    private (SelectQuery Query, PropertyList Properties) ParseUnionAll(SelectQuery first, PropertyList? firstProperties)
    {
        var union = Current;
        if (firstProperties is not null)
        {
            throw new ParseException(new SqlDiagnostic(firstProperties.Location, "WITH goes after the last SELECT of a UNION ALL"));
        }
        Advance();
        if (!AcceptKeyword("ALL"))
        {
            throw new ParseException(new SqlDiagnostic(union.Location, "UNION without ALL (removing duplicates) is not supported; write UNION ALL"));
        }
        var location = SourceLocation.Span(union.Location, Previous.Location);
        if (!Current.IsKeyword("SELECT"))
        {
            throw Error("expected SELECT after UNION ALL");
        }
        var (next, properties) = ParseQueryWithProperties();
        var branches = new List<SelectQuery> { next with { UnionAll = [], UnionLocations = [] } };
        branches.AddRange(next.UnionAll);
        return (first with { UnionAll = branches, UnionLocations = [location, .. next.UnionLocations] }, properties);
    }

    /// <summary><c>( SELECT … )</c>: a subquery's query, without WITH (its table is configured by the statement's WITH).</summary>
    private SelectQuery ParseSubquery()
    {
        Expect(TokenKind.LeftParen, "'('");
        var outerInto = _into;
        var (query, properties) = ParseQueryWithProperties();
        if (!ReferenceEquals(_into, outerInto))
        {
            throw new ParseException(new SqlDiagnostic(_into!.Location, "a subquery has no INTO; its rows are not written anywhere"));
        }
        if (properties.Items.Count > 0)
        {
            throw new ParseException(new SqlDiagnostic(properties.Location, "a subquery has no WITH clause; configure its table in the statement's WITH"));
        }
        if (query.UnionLocations.Count > 0)
        {
            throw new ParseException(new SqlDiagnostic(query.UnionLocations[0], "UNION ALL is not supported in a subquery"));
        }
        if (!query.HasFrom)
        {
            throw new ParseException(new SqlDiagnostic(query.From.Location, "a subquery needs FROM (a table to look up); write a constant without a subquery"));
        }
        if (Current.Kind != TokenKind.RightParen)
        {
            throw Error("expected ')' to close the subquery");
        }
        Advance();
        return query;
    }

    private static string ClauseTitle(string keyword) => keyword switch
    {
        "GROUP" => "GROUP BY",
        "ORDER" => "ORDER BY",
        _ => keyword,
    };

    private List<SelectItem> ParseSelectItems()
    {
        var items = new List<SelectItem> { ParseSelectItem() };
        while (Accept(TokenKind.Comma))
        {
            items.Add(ParseSelectItem());
        }
        return items;
    }

    private SelectItem ParseSelectItem()
    {
        var start = Current;
        if (Accept(TokenKind.Star))
        {
            return new WildcardItem(null, start.Location);
        }
        if (IsName(Current) && PeekAhead(1).Kind == TokenKind.Dot && PeekAhead(2).Kind == TokenKind.Star)
        {
            Advance();
            Advance();
            Advance();
            return new WildcardItem(start.Text, SpanFrom(start));
        }
        var expr = ParseExpression();
        var primaryKey = TryParsePrimaryKey();
        Identifier? alias = null;
        if (AcceptKeyword("AS"))
        {
            alias = ParseIdentifier("alias");
        }
        else if (IsName(Current))
        {
            alias = ParseIdentifier("alias");
        }
        primaryKey |= TryParsePrimaryKey();
        return new ExpressionItem(expr, alias, primaryKey, SpanFrom(start));
    }

    private bool TryParsePrimaryKey()
    {
        if (!AcceptKeyword("PRIMARY"))
        {
            return false;
        }
        ExpectKeyword("KEY");
        return true;
    }

    private SourceRef ParseSourceRef()
    {
        var start = Current;
        if (Current.Kind == TokenKind.LeftParen && PeekAhead(1).IsKeyword("SELECT"))
        {
            throw Unsupported("a subquery in FROM is not supported (subqueries go in WHERE or SELECT: EXISTS, IN (SELECT …), scalar)");
        }
        var name = ParseIdentifier("source name");
        Identifier? alias = null;
        if (AcceptKeyword("AS") || IsName(Current))
        {
            alias = ParseIdentifier("alias");
        }
        return new SourceRef(name, alias, SpanFrom(start));
    }

    private JoinClause? TryParseJoin()
    {
        var start = Current;
        JoinKind kind;
        if (AcceptKeyword("JOIN"))
        {
            kind = JoinKind.Inner;
        }
        else if (Current.IsKeyword("INNER") || Current.IsKeyword("LEFT") || Current.IsKeyword("RIGHT") || Current.IsKeyword("FULL"))
        {
            kind = Current.Text.ToUpperInvariant() switch
            {
                "INNER" => JoinKind.Inner,
                "LEFT" => JoinKind.Left,
                "RIGHT" => JoinKind.Right,
                _ => JoinKind.Full,
            };
            Advance();
            if (kind != JoinKind.Inner)
            {
                AcceptKeyword("OUTER");
            }
            ExpectKeyword("JOIN");
        }
        else
        {
            return null;
        }
        var right = ParseSourceRef();
        ExpectKeyword("ON");
        var condition = ParseExpression();
        var interval = JoinTimeBound(condition, right);
        return new JoinClause(kind, right, condition, interval, SpanFrom(start));
    }

    private WindowSpec ParseWindow(Token windowKeyword)
    {
        var kindToken = Current;
        var kind = kindToken.Kind == TokenKind.Identifier ? kindToken.Text.ToUpperInvariant() : "";
        if (kind is not ("TUMBLING" or "SLIDING" or "SESSION"))
        {
            throw Error("expected TUMBLING, SLIDING or SESSION");
        }
        Advance();
        Expect(TokenKind.LeftParen, "'('");
        var args = new List<Expr>();
        if (Current.Kind != TokenKind.RightParen)
        {
            args = ParseExpressionList();
        }
        Expect(TokenKind.RightParen, "')'");
        var location = SpanFrom(windowKeyword);
        var durations = kind == "SLIDING" ? 2 : 1;
        if (args.Count != durations && args.Count != durations + 1)
        {
            var shape = kind switch
            {
                "TUMBLING" => "(size) or (time_column, size)",
                "SLIDING" => "(size, advance) or (time_column, size, advance)",
                _ => "(gap) or (time_column, gap)",
            };
            throw new ParseException(new SqlDiagnostic(kindToken.Location, $"{kind} takes {shape}, found {args.Count} argument{(args.Count == 1 ? "" : "s")}"));
        }
        ColumnRef? timeColumn = null;
        if (args.Count > durations)
        {
            timeColumn = args[0] as ColumnRef
                ?? throw new ParseException(new SqlDiagnostic(args[0].Location, $"expected a time column, found {ExprPrinter.Print(args[0])}"));
            args.RemoveAt(0);
        }
        // A bad duration is reported and replaced by a stand-in that raises no further error (a
        // sliding window's valid partner, else one second), so the rest of the statement is still
        // checked and all of its errors are reported in one go.
        var first = ToDuration(args[0]);
        if (kind != "SLIDING")
        {
            var size = first ?? TimeSpan.FromSeconds(1);
            return kind == "TUMBLING" ? new TumblingWindow(timeColumn, size, location) : new SessionWindow(timeColumn, size, location);
        }
        var second = ToDuration(args[1]);
        var windowSize = first ?? second ?? TimeSpan.FromSeconds(1);
        return new SlidingWindow(timeColumn, windowSize, second ?? windowSize, location);
    }

    /// <summary>The duration an expression spells, or null after recording why it is not one.</summary>
    private TimeSpan? ToDuration(Expr expr)
    {
        switch (expr)
        {
            case IntervalLiteral interval:
                return interval.Value;
            case StringLiteral text when DurationText.TryParse(text.Value, out var value):
                return value;
            case StringLiteral text:
                _recovered.Add(new SqlDiagnostic(text.Location, $"invalid duration '{text.Value}' (use a number and a unit: ms, s, m, h, d)"));
                return null;
            case var _ when _lexicalErrorOffsets.Contains(expr.Location.Offset):
                // The lexer already reported this token ("5x", "1.5s"); one mistake, one error.
                _absorbed.Add(expr.Location.Offset);
                return null;
            default:
                _recovered.Add(new SqlDiagnostic(expr.Location, $"expected a duration such as INTERVAL '1' MINUTE or 1m, found {ExprPrinter.Print(expr)}"));
                return null;
        }
    }

    private EmitClause ParseEmit(Token emitKeyword)
    {
        EmitMode mode;
        if (Current.IsKeyword("CHANGES"))
        {
            mode = EmitMode.Changes;
        }
        else if (Current.IsKeyword("FINAL"))
        {
            mode = EmitMode.Final;
        }
        else
        {
            throw Error("expected CHANGES or FINAL");
        }
        Advance();
        return new EmitClause(mode, SpanFrom(emitKeyword));
    }

    private PropertyList ParseProperties(Token withKeyword)
    {
        Expect(TokenKind.LeftParen, "'('");
        var items = new List<Property>();
        while (Current.Kind != TokenKind.RightParen)
        {
            // Velostream's examples also write keys and values in double quotes.
            if (Current.Kind is not (TokenKind.String or TokenKind.QuotedIdentifier))
            {
                throw Error("expected a property name in single quotes");
            }
            var key = Current;
            Advance();
            Expect(TokenKind.Equal, "'='");
            var value = Current;
            if (value.Kind is not (TokenKind.String or TokenKind.QuotedIdentifier or TokenKind.Integer or TokenKind.Decimal or TokenKind.Double or TokenKind.Duration or TokenKind.Identifier))
            {
                throw Error("expected a property value");
            }
            Advance();
            items.Add(new Property(key.Text, value.Text, key.Location, value.Location));
            if (!Accept(TokenKind.Comma))
            {
                break;
            }
        }
        Expect(TokenKind.RightParen, "')'");
        return new PropertyList(items, SpanFrom(withKeyword));
    }

    private List<OrderItem> ParseOrderItems()
    {
        var items = new List<OrderItem>();
        do
        {
            var start = Current;
            var expr = ParseExpression();
            var descending = false;
            if (AcceptKeyword("DESC"))
            {
                descending = true;
            }
            else
            {
                AcceptKeyword("ASC");
            }
            items.Add(new OrderItem(expr, descending, SpanFrom(start)));
        }
        while (Accept(TokenKind.Comma));
        return items;
    }

    // ---------------------------------------------------------------- expressions

    public List<Expr> ParseExpressionList()
    {
        var list = new List<Expr> { ParseExpression() };
        while (Accept(TokenKind.Comma))
        {
            list.Add(ParseExpression());
        }
        return list;
    }

    public Expr ParseExpression()
    {
        var outermost = _depth == 0;
        var expr = ParseExpression(0);
        if (outermost && ExprDepth.FirstBeyond(expr, MaxExpressionDepth) is { } tooDeep)
        {
            // Left-deep chains are built by the loop below without recursion, so their depth is
            // measured once the whole expression is there, without recursion either.
            throw new ParseException(new SqlDiagnostic(tooDeep.Location with { Length = Math.Min(tooDeep.Location.Length, 1) }, TooDeepMessage));
        }
        return expr;
    }

    /// <summary>Precedence climbing: parses operators that bind tighter than <paramref name="minPrecedence"/>.</summary>
    private Expr ParseExpression(int minPrecedence)
    {
        Enter();
        try
        {
            return ParseExpressionAt(minPrecedence);
        }
        finally
        {
            _depth--;
        }
    }

    /// <summary>Counts one level of the parser's own recursion; too many is a located error, not a stack overflow.</summary>
    private void Enter()
    {
        if (++_depth > MaxExpressionDepth)
        {
            _depth--;
            throw new ParseException(new SqlDiagnostic(Current.Location, TooDeepMessage));
        }
    }

    private Expr ParseExpressionAt(int minPrecedence)
    {
        var start = Current;
        Expr left;
        if (Current.IsKeyword("NOT"))
        {
            Advance();
            var operand = ParseExpression(PrecNot);
            left = new UnaryExpr(UnaryOperator.Not, operand, SpanFrom(start));
        }
        else
        {
            left = ParseUnary();
        }

        while (true)
        {
            var precedence = InfixPrecedence();
            if (precedence <= minPrecedence)
            {
                return left;
            }
            left = precedence == PrecCompare ? ParsePredicate(left, start) : ParseBinary(left, start, precedence);
        }
    }

    private int InfixPrecedence()
    {
        var token = Current;
        switch (token.Kind)
        {
            case TokenKind.Plus or TokenKind.Minus or TokenKind.Concat:
                return PrecAdditive;
            case TokenKind.Star or TokenKind.Slash or TokenKind.Percent:
                return PrecMultiplicative;
            case TokenKind.Equal or TokenKind.NotEqual or TokenKind.Less or TokenKind.LessOrEqual or TokenKind.Greater or TokenKind.GreaterOrEqual:
                return PrecCompare;
            case TokenKind.Tilde or TokenKind.NotTilde:
                return PrecCompare;
            case TokenKind.Identifier:
                if (token.IsKeyword("AND"))
                {
                    return PrecAnd;
                }
                if (token.IsKeyword("OR"))
                {
                    return PrecOr;
                }
                if (token.IsKeyword("IS") || token.IsKeyword("IN") || token.IsKeyword("BETWEEN") || token.IsKeyword("LIKE"))
                {
                    return PrecCompare;
                }
                if (token.IsKeyword("NOT") && (PeekAhead(1).IsKeyword("IN") || PeekAhead(1).IsKeyword("BETWEEN") || PeekAhead(1).IsKeyword("LIKE")))
                {
                    return PrecCompare;
                }
                return 0;
            default:
                return 0;
        }
    }

    private Expr ParseBinary(Expr left, Token start, int precedence)
    {
        var token = Current;
        Advance();
        var op = token.Kind switch
        {
            TokenKind.Plus => BinaryOperator.Add,
            TokenKind.Minus => BinaryOperator.Subtract,
            TokenKind.Concat => BinaryOperator.Concat,
            TokenKind.Star => BinaryOperator.Multiply,
            TokenKind.Slash => BinaryOperator.Divide,
            TokenKind.Percent => BinaryOperator.Modulo,
            _ => token.IsKeyword("AND") ? BinaryOperator.And : BinaryOperator.Or,
        };
        var right = ParseExpression(precedence);
        return new BinaryExpr(op, left, right, SpanFrom(start));
    }

    /// <summary>Comparison operators and the SQL predicates IS [NOT] NULL, [NOT] IN, [NOT] BETWEEN, [NOT] LIKE.</summary>
    private Expr ParsePredicate(Expr left, Token start)
    {
        var token = Current;
        Advance();
        switch (token.Kind)
        {
            case TokenKind.Equal:
                return Comparison(BinaryOperator.Equal);
            case TokenKind.NotEqual:
                return Comparison(BinaryOperator.NotEqual);
            case TokenKind.Less:
                return Comparison(BinaryOperator.Less);
            case TokenKind.LessOrEqual:
                return Comparison(BinaryOperator.LessOrEqual);
            case TokenKind.Greater:
                return Comparison(BinaryOperator.Greater);
            case TokenKind.GreaterOrEqual:
                return Comparison(BinaryOperator.GreaterOrEqual);
            case TokenKind.Tilde or TokenKind.NotTilde:
                return RegexMatch(left, token, start);
        }

        if (token.IsKeyword("IS"))
        {
            var negated = AcceptKeyword("NOT");
            ExpectKeyword("NULL");
            return new IsNullExpr(left, negated, SpanFrom(start));
        }
        var not = token.IsKeyword("NOT");
        var keyword = not ? Current : token;
        if (not)
        {
            Advance();
        }
        if (keyword.IsKeyword("IN"))
        {
            if (PeekAhead(1).IsKeyword("SELECT"))
            {
                var subquery = ParseSubquery();
                return new SubqueryExpr(SubqueryKind.In, left, subquery, not, SpanFrom(start));
            }
            Expect(TokenKind.LeftParen, "'('");
            var items = ParseExpressionList();
            Expect(TokenKind.RightParen, "')'");
            return new InListExpr(left, items, not, SpanFrom(start));
        }
        if (keyword.IsKeyword("BETWEEN"))
        {
            var low = ParseExpression(PrecCompare);
            ExpectKeyword("AND");
            var high = ParseExpression(PrecCompare);
            return new BetweenExpr(left, low, high, not, SpanFrom(start));
        }
        var pattern = ParseExpression(PrecCompare);
        return new LikeExpr(left, pattern, not, SpanFrom(start));

        Expr Comparison(BinaryOperator op) => new BinaryExpr(op, left, ParseExpression(PrecCompare), SpanFrom(start));
    }

    private Expr ParseUnary()
    {
        var start = Current;
        if (start.Kind is TokenKind.Minus or TokenKind.Plus)
        {
            Advance();
            Enter();
            Expr operand;
            try
            {
                operand = ParseUnary();
            }
            finally
            {
                _depth--;
            }
            var location = SpanFrom(start);
            if (start.Kind == TokenKind.Plus)
            {
                return new UnaryExpr(UnaryOperator.Plus, operand, location);
            }
            // Fold the sign into numeric literals so `-5` is a constant (LIMIT checks, interval bounds).
            return operand switch
            {
                IntegerLiteral i => new IntegerLiteral(-i.Value, location),
                DecimalLiteral d => new DecimalLiteral(-d.Value, location),
                DoubleLiteral d => new DoubleLiteral(-d.Value, location),
                IntervalLiteral t => new IntervalLiteral(-t.Value, location),
                _ => new UnaryExpr(UnaryOperator.Negate, operand, location),
            };
        }
        return ParsePrimary();
    }

    private Expr ParsePrimary()
    {
        var token = Current;
        switch (token.Kind)
        {
            case TokenKind.Integer:
                Advance();
                if (long.TryParse(token.Text, NumberStyles.None, CultureInfo.InvariantCulture, out var integer))
                {
                    return new IntegerLiteral(integer, token.Location);
                }
                // Beyond 64 bits an integer is an exact DECIMAL, as in JSON input and BIGINT arithmetic.
                if (decimal.TryParse(token.Text, NumberStyles.None, CultureInfo.InvariantCulture, out var wide))
                {
                    return new DecimalLiteral(wide, token.Location);
                }
                throw new ParseException(new SqlDiagnostic(token.Location, $"integer literal {Shorten(token.Text)} is out of range for DECIMAL (at most 79228162514264337593543950335)"));
            case TokenKind.Decimal:
                Advance();
                if (!decimal.TryParse(token.Text, NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out var exact))
                {
                    throw new ParseException(new SqlDiagnostic(token.Location, $"decimal literal {Shorten(token.Text)} is out of range for DECIMAL (at most 79228162514264337593543950335)"));
                }
                return new DecimalLiteral(exact, token.Location);
            case TokenKind.Double:
                Advance();
                var real = double.Parse(token.Text, NumberStyles.Float, CultureInfo.InvariantCulture);
                if (double.IsInfinity(real))
                {
                    throw new ParseException(new SqlDiagnostic(token.Location, $"floating-point literal {token.Text} is out of range"));
                }
                return new DoubleLiteral(real, token.Location);
            case TokenKind.Duration:
                Advance();
                if (!DurationText.TryParse(token.Text, out var duration))
                {
                    throw new ParseException(new SqlDiagnostic(token.Location, $"duration {token.Text} is out of range"));
                }
                return new IntervalLiteral(duration, token.Location);
            case TokenKind.String:
                Advance();
                return new StringLiteral(token.Text, token.Location);
            case TokenKind.LeftParen when PeekAhead(1).IsKeyword("SELECT"):
                var scalar = ParseSubquery();
                return new SubqueryExpr(SubqueryKind.Scalar, null, scalar, false, SpanFrom(token));
            case TokenKind.LeftParen:
                Advance();
                var inner = ParseExpression();
                Expect(TokenKind.RightParen, "')'");
                return inner;
            case TokenKind.QuotedIdentifier:
                return ParseColumnRef();
            case TokenKind.Identifier:
                return ParseWordExpression(token);
            default:
                throw Error("expected expression");
        }
    }

    private Expr ParseWordExpression(Token token)
    {
        switch (token.Text.ToUpperInvariant())
        {
            case "NULL":
                Advance();
                return new NullLiteral(token.Location);
            case "TRUE":
                Advance();
                return new BooleanLiteral(true, token.Location);
            case "FALSE":
                Advance();
                return new BooleanLiteral(false, token.Location);
            case "INTERVAL":
                return ParseInterval();
            case "CASE":
                return ParseCase();
            case "CAST":
                return ParseCast();
            case "EXTRACT" when PeekAhead(1).Kind == TokenKind.LeftParen:
                return PeekAhead(2).Kind == TokenKind.String ? ParseFunctionCall() : ParseExtract();
            case "CURRENT_TIMESTAMP" or "CURRENT_DATE" when PeekAhead(1).Kind != TokenKind.LeftParen:
                return ParseNiladicFunction(token);
            case "POSITION" when PeekAhead(1).Kind == TokenKind.LeftParen:
                return ParsePosition();
            case "LEFT" or "RIGHT" when PeekAhead(1).Kind == TokenKind.LeftParen:
                return ParseFunctionCall();
            case "EXISTS" when PeekAhead(1).Kind == TokenKind.LeftParen && PeekAhead(2).IsKeyword("SELECT"):
                Advance();
                var exists = ParseSubquery();
                return new SubqueryExpr(SubqueryKind.Exists, null, exists, false, SpanFrom(token));
        }
        if (PeekAhead(1).Kind == TokenKind.LeftParen && !Keywords.IsReserved(token.Text))
        {
            return ParseFunctionCall();
        }
        if (Keywords.IsReserved(token.Text))
        {
            throw Error("expected expression");
        }
        return ParseColumnRef();
    }

    private ColumnRef ParseColumnRef()
    {
        var first = Current;
        var name = ParseIdentifier("column name");
        if (Accept(TokenKind.Dot))
        {
            var column = ParseIdentifier("column name");
            return new ColumnRef(name.Name, column.Name, SpanFrom(first));
        }
        return new ColumnRef(null, name.Name, name.Location);
    }

    private Expr ParseInterval()
    {
        var start = Current;
        Advance();
        var value = Current;
        string amountText;
        if (value.Kind is TokenKind.String or TokenKind.Integer)
        {
            amountText = value.Text.Trim();
            Advance();
        }
        else
        {
            throw Error("expected interval value such as '5'");
        }
        // INTERVAL '5 minutes' carries its unit inside the string.
        if (value.Kind == TokenKind.String && DurationText.TryParse(amountText, out var inline))
        {
            return new IntervalLiteral(inline, SpanFrom(start));
        }
        if (!long.TryParse(amountText, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var amount))
        {
            throw new ParseException(new SqlDiagnostic(value.Location, $"invalid interval value '{value.Text}'"));
        }
        var unit = Current;
        if (unit.Kind != TokenKind.Identifier || DurationText.UnitMilliseconds(unit.Text) is not { } ms)
        {
            throw Error("expected interval unit (MILLISECOND, SECOND, MINUTE, HOUR or DAY)");
        }
        Advance();
        return new IntervalLiteral(TimeSpan.FromMilliseconds(amount * ms), SpanFrom(start));
    }

    private Expr ParseCase()
    {
        var start = Current;
        Advance();
        Expr? operand = null;
        if (!Current.IsKeyword("WHEN"))
        {
            operand = ParseExpression();
        }
        var whens = new List<WhenClause>();
        while (Current.IsKeyword("WHEN"))
        {
            var whenStart = Current;
            Advance();
            var condition = ParseExpression();
            ExpectKeyword("THEN");
            var result = ParseExpression();
            whens.Add(new WhenClause(condition, result, SpanFrom(whenStart)));
        }
        if (whens.Count == 0)
        {
            throw Error("expected WHEN");
        }
        Expr? otherwise = null;
        if (AcceptKeyword("ELSE"))
        {
            otherwise = ParseExpression();
        }
        ExpectKeyword("END");
        return new CaseExpr(operand, whens, otherwise, SpanFrom(start));
    }

    private Expr ParseCast()
    {
        var start = Current;
        Advance();
        Expect(TokenKind.LeftParen, "'('");
        var operand = ParseExpression();
        ExpectKeyword("AS");
        var type = ParseType();
        Expect(TokenKind.RightParen, "')'");
        return new CastExpr(operand, type, SpanFrom(start));
    }

    private SqlType ParseType()
    {
        var token = Current;
        if (token.Kind != TokenKind.Identifier || SqlType.KindFromName(token.Text) is not { } kind)
        {
            throw Error("expected a type (BIGINT, DOUBLE, DECIMAL, VARCHAR, BOOLEAN, TIMESTAMP or INTERVAL)");
        }
        Advance();
        if (kind is SqlTypeKind.Decimal or SqlTypeKind.Varchar && Accept(TokenKind.LeftParen))
        {
            var precision = ParseSmallInteger("precision");
            int? scale = null;
            if (Accept(TokenKind.Comma))
            {
                scale = ParseSmallInteger("scale");
            }
            Expect(TokenKind.RightParen, "')'");
            // VARCHAR(n): the length is accepted for compatibility and not enforced.
            return kind == SqlTypeKind.Decimal ? new SqlType(kind, precision, scale) : SqlType.Varchar;
        }
        return new SqlType(kind);
    }

    private int ParseSmallInteger(string what)
    {
        var token = Current;
        if (token.Kind != TokenKind.Integer || !int.TryParse(token.Text, NumberStyles.None, CultureInfo.InvariantCulture, out var value))
        {
            throw Error($"expected {what} as an integer");
        }
        Advance();
        return value;
    }

    private Expr ParseExtract()
    {
        var start = Current;
        Advance();
        Expect(TokenKind.LeftParen, "'('");
        var field = Current;
        if (field.Kind != TokenKind.Identifier)
        {
            throw Error("expected a date/time field such as YEAR, MONTH, DAY, HOUR, MINUTE, SECOND");
        }
        Advance();
        ExpectKeyword("FROM");
        var source = ParseExpression();
        Expect(TokenKind.RightParen, "')'");
        return new FunctionCall("EXTRACT", [new StringLiteral(field.Text.ToUpperInvariant(), field.Location), source], false, false, null, SpanFrom(start));
    }

    private Expr ParseFunctionCall()
    {
        var start = Current;
        var name = start.Text.ToUpperInvariant();
        Advance();
        Expect(TokenKind.LeftParen, "'('");
        if (Current.IsKeyword("SELECT"))
        {
            throw Unsupported("subqueries are not supported");
        }
        var isStar = false;
        var distinct = false;
        List<Expr> args = [];
        if (Accept(TokenKind.Star))
        {
            isStar = true;
        }
        else if (Current.Kind != TokenKind.RightParen)
        {
            distinct = AcceptKeyword("DISTINCT");
            args = ParseExpressionList();
        }
        Expect(TokenKind.RightParen, "')'");
        args = ParseWithinGroup(args);
        OverClause? over = null;
        if (Current.IsKeyword("OVER"))
        {
            over = ParseOver();
        }
        return new FunctionCall(name, args, distinct, isStar, over, SpanFrom(start));
    }

    private OverClause ParseOver()
    {
        var start = Current;
        Advance();
        Expect(TokenKind.LeftParen, "'('");
        long? rows = null;
        if (Current.IsKeyword("ROWS") && PeekAhead(1).IsKeyword("WINDOW"))
        {
            Advance();
            ExpectKeyword("WINDOW");
            ExpectKeyword("BUFFER");
            var count = Current;
            if (count.Kind != TokenKind.Integer || !long.TryParse(count.Text, NumberStyles.None, CultureInfo.InvariantCulture, out var n) || n <= 0)
            {
                throw Error("expected a positive number of rows");
            }
            Advance();
            rows = n;
            ExpectKeyword("ROWS");
        }
        List<Expr> partition = [];
        if (AcceptKeyword("PARTITION"))
        {
            ExpectKeyword("BY");
            partition = ParseExpressionList();
        }
        List<OrderItem> order = [];
        if (AcceptKeyword("ORDER"))
        {
            ExpectKeyword("BY");
            order = ParseOrderItems();
        }
        var frame = TryParseFrame();
        Expect(TokenKind.RightParen, "')'");
        return new OverClause(rows, partition, order, SpanFrom(start), frame);
    }

    // ---------------------------------------------------------------- token helpers

    private static bool IsName(Token token) =>
        token.Kind == TokenKind.QuotedIdentifier || (token.Kind == TokenKind.Identifier && !Keywords.IsReserved(token.Text));

    private Identifier ParseIdentifier(string what)
    {
        var token = Current;
        if (!IsName(token))
        {
            throw Error($"expected {what}");
        }
        Advance();
        return new Identifier(token.Text, token.Location);
    }

    private void Advance()
    {
        if (_pos < _tokens.Count - 1)
        {
            _pos++;
        }
    }

    private bool Accept(TokenKind kind)
    {
        if (Current.Kind != kind)
        {
            return false;
        }
        Advance();
        return true;
    }

    private bool AcceptKeyword(string keyword)
    {
        if (!Current.IsKeyword(keyword))
        {
            return false;
        }
        Advance();
        return true;
    }

    private void Expect(TokenKind kind, string description)
    {
        if (!Accept(kind))
        {
            throw Error($"expected {description}");
        }
    }

    private void ExpectKeyword(string keyword)
    {
        if (!AcceptKeyword(keyword))
        {
            throw Error($"expected {keyword}");
        }
    }

    private static string Shorten(string text) => text.Length <= 40 ? text : text[..40] + "…";

    private ParseException Unsupported(string message) => new(new SqlDiagnostic(Current.Location, message));

    /// <summary>"expected X, found Y" at the current token.</summary>
    private ParseException Error(string expected) =>
        new(new SqlDiagnostic(Current.Location, $"{expected}, found {Current.Describe()}"));
}
