using Velostream.Engine.Sql.Ast;
using Velostream.Engine.Sql.Syntax;

namespace Velostream.Engine.Sql.Parsing;

/// <summary>
/// Function forms with their own syntax: niladic keywords (<c>CURRENT_TIMESTAMP</c>, <c>CURRENT_DATE</c>),
/// <c>EXTRACT('DOW', x)</c> (Velostream's form, an ordinary call beside <c>EXTRACT(DOW FROM x)</c>),
/// <c>POSITION(sub IN text)</c>, <c>PERCENTILE_CONT(p) WITHIN GROUP (ORDER BY x)</c> and the
/// regular-expression operators <c>~</c> / <c>!~</c>. Each becomes an ordinary
/// <see cref="FunctionCall"/>, so validation and execution see one shape per function.
/// </summary>
internal sealed partial class Parser
{
    /// <summary><c>CURRENT_TIMESTAMP</c> / <c>CURRENT_DATE</c> without parentheses are functions, never columns (quote them to name a column).</summary>
    private Expr ParseNiladicFunction(Token token)
    {
        Advance();
        return new FunctionCall(token.Text.ToUpperInvariant(), [], false, false, null, token.Location);
    }

    /// <summary><c>POSITION(sub IN text)</c> (standard) or <c>POSITION(sub, text[, start])</c> (Velostream).</summary>
    private Expr ParsePosition()
    {
        var start = Current;
        Advance();
        Expect(TokenKind.LeftParen, "'('");
        // Parsed above comparison level, so the IN of the standard form is not read as a predicate.
        List<Expr> args = [ParseExpression(PrecCompare)];
        if (AcceptKeyword("IN"))
        {
            args.Add(ParseExpression());
        }
        else
        {
            while (Accept(TokenKind.Comma))
            {
                args.Add(ParseExpression());
            }
        }
        Expect(TokenKind.RightParen, "')'");
        return new FunctionCall("POSITION", args, false, false, null, SpanFrom(start));
    }

    /// <summary>
    /// <c>f(p) WITHIN GROUP (ORDER BY x)</c> is the call <c>f(x, p)</c>: the ordered value first, as
    /// in Velostream's <c>PERCENTILE_CONT(value, 0.9)</c>.
    /// </summary>
    private List<Expr> ParseWithinGroup(List<Expr> args)
    {
        if (!(Current.Kind == TokenKind.Identifier && Current.Text.Equals("WITHIN", StringComparison.OrdinalIgnoreCase)
            && PeekAhead(1).Kind == TokenKind.Identifier && PeekAhead(1).Text.Equals("GROUP", StringComparison.OrdinalIgnoreCase)))
        {
            return args;
        }
        Advance();
        Advance();
        Expect(TokenKind.LeftParen, "'('");
        ExpectKeyword("ORDER");
        ExpectKeyword("BY");
        var ordered = ParseExpression();
        if (AcceptKeyword("DESC"))
        {
            throw Unsupported("WITHIN GROUP (ORDER BY … DESC) is not supported; use 1 - p with ASC");
        }
        AcceptKeyword("ASC");
        Expect(TokenKind.RightParen, "')'");
        return [ordered, .. args];
    }

    /// <summary><c>text ~ pattern</c> is <c>REGEXP(text, pattern)</c>; <c>!~</c> its negation.</summary>
    private Expr RegexMatch(Expr left, Token op, Token start)
    {
        var pattern = ParseExpression(PrecCompare);
        var match = new FunctionCall("REGEXP", [left, pattern], false, false, null, SpanFrom(start));
        return op.Kind == TokenKind.NotTilde ? new UnaryExpr(UnaryOperator.Not, match, SpanFrom(start)) : match;
    }
}
