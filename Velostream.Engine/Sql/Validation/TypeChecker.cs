using System.Globalization;
using Velostream.Engine.Sql.Ast;
using Velostream.Engine.Sql.Functions;
using Velostream.Engine.Sql.Types;

namespace Velostream.Engine.Sql.Validation;

/// <summary>
/// Infers expression types where they are known statically (literals, casts, function results)
/// and reports operations that cannot succeed for any input, such as <c>'abc' + 1</c> or
/// <c>SUM('x')</c>. Source columns have no declared schema, so they are <see cref="SqlTypeKind.Unknown"/>
/// and anything involving them is checked at run time instead. A subexpression with an error
/// is Unknown to its parent so one mistake gives one message.
/// </summary>
internal sealed class TypeChecker(StatementContext context)
{
    public static void Check(StatementContext context)
    {
        var checker = new TypeChecker(context);
        foreach (var (expr, clause) in context.ClauseExpressions())
        {
            var type = checker.Infer(expr);
            if (clause is QueryClause.Where or QueryClause.Having or QueryClause.JoinOn)
            {
                checker.RequireBoolean(type, expr, $"{FunctionChecker.ClauseName(clause)} condition");
            }
        }
    }

    public SqlType Infer(Expr expr) => expr switch
    {
        IntegerLiteral => SqlType.BigInt,
        DecimalLiteral => SqlType.Decimal,
        DoubleLiteral => SqlType.Double,
        StringLiteral => SqlType.Varchar,
        BooleanLiteral => SqlType.Boolean,
        NullLiteral => SqlType.Unknown,
        IntervalLiteral => SqlType.Interval,
        ColumnRef column => SystemColumnType(column.Name),
        UnaryExpr unary => InferUnary(unary),
        BinaryExpr binary => InferBinary(binary),
        IsNullExpr isNull => Boolean(Infer(isNull.Operand)),
        InListExpr inList => InferInList(inList),
        BetweenExpr between => InferBetween(between),
        LikeExpr like => InferLike(like),
        CaseExpr caseExpr => InferCase(caseExpr),
        CastExpr cast => InferCast(cast),
        FunctionCall call => InferCall(call),
        _ => throw new InvalidOperationException($"no type rule for {expr.GetType().Name}"),
    };

    private static SqlType Boolean(SqlType _) => SqlType.Boolean;

    private static SqlType SystemColumnType(string name) => name.ToLowerInvariant() switch
    {
        SystemColumns.Offset or SystemColumns.Partition => SqlType.BigInt,
        SystemColumns.Topic => SqlType.Varchar,
        // _event_time and friends are timestamps, but Velostream applications also do epoch-millisecond
        // arithmetic on them, so they are left unconstrained.
        _ => SqlType.Unknown,
    };

    private static bool Known(SqlType type) => type.Kind != SqlTypeKind.Unknown;

    private void RequireBoolean(SqlType type, Expr expr, string what)
    {
        if (Known(type) && type.Kind != SqlTypeKind.Boolean)
        {
            context.Error(expr.Location, $"{what} must be BOOLEAN, found {type}");
        }
    }

    private SqlType InferUnary(UnaryExpr unary)
    {
        var operand = Infer(unary.Operand);
        if (unary.Operator == UnaryOperator.Not)
        {
            RequireBoolean(operand, unary.Operand, "operand of NOT");
            return SqlType.Boolean;
        }
        if (Known(operand) && !operand.IsNumeric && operand.Kind != SqlTypeKind.Interval)
        {
            context.Error(unary.Location, $"unary {(unary.Operator == UnaryOperator.Negate ? "-" : "+")} cannot be applied to {operand}");
            return SqlType.Unknown;
        }
        return operand;
    }

    private SqlType InferBinary(BinaryExpr binary)
    {
        var left = Infer(binary.Left);
        var right = Infer(binary.Right);
        switch (binary.Operator)
        {
            case BinaryOperator.And or BinaryOperator.Or:
                var name = binary.Operator == BinaryOperator.And ? "AND" : "OR";
                RequireBoolean(left, binary.Left, $"operand of {name}");
                RequireBoolean(right, binary.Right, $"operand of {name}");
                return SqlType.Boolean;
            case BinaryOperator.Concat:
                return SqlType.Varchar;
            case BinaryOperator.Equal or BinaryOperator.NotEqual or BinaryOperator.Less or BinaryOperator.LessOrEqual
                or BinaryOperator.Greater or BinaryOperator.GreaterOrEqual:
                CheckComparable(left, right, binary);
                return SqlType.Boolean;
            default:
                return Arithmetic(binary, left, right);
        }
    }

    private SqlType Arithmetic(BinaryExpr binary, SqlType left, SqlType right)
    {
        var op = binary.Operator;
        if (IsNeverArithmetic(left) || IsNeverArithmetic(right))
        {
            return OperatorError(binary, left, right);
        }
        if (!Known(left) || !Known(right))
        {
            return SqlType.Unknown;
        }
        // Scaling a timestamp (_timestamp / 1000) computes on its epoch milliseconds, a BIGINT.
        if (op is BinaryOperator.Multiply or BinaryOperator.Divide or BinaryOperator.Modulo)
        {
            left = left.Kind == SqlTypeKind.Timestamp && right.IsNumeric ? SqlType.BigInt : left;
            right = right.Kind == SqlTypeKind.Timestamp && left.IsNumeric ? SqlType.BigInt : right;
        }
        if (left.IsNumeric && right.IsNumeric)
        {
            // BIGINT / BIGINT is fractional (50 / 100 = 0.5), as in Velostream and DuckDB.
            return op == BinaryOperator.Divide && left.Kind == SqlTypeKind.BigInt && right.Kind == SqlTypeKind.BigInt
                ? SqlType.Double
                : TypeRules.WidenNumeric(left, right);
        }
        return (left.Kind, op, right.Kind) switch
        {
            // Velostream's timestamps are epoch milliseconds: their difference is a BIGINT of milliseconds.
            (SqlTypeKind.Timestamp, BinaryOperator.Subtract, SqlTypeKind.Timestamp) => SqlType.BigInt,
            (SqlTypeKind.Timestamp, BinaryOperator.Add or BinaryOperator.Subtract, SqlTypeKind.BigInt) => SqlType.Timestamp,
            (SqlTypeKind.Timestamp, BinaryOperator.Add or BinaryOperator.Subtract, SqlTypeKind.Interval) => SqlType.Timestamp,
            (SqlTypeKind.Interval, BinaryOperator.Add, SqlTypeKind.Timestamp) => SqlType.Timestamp,
            (SqlTypeKind.Interval, BinaryOperator.Add or BinaryOperator.Subtract, SqlTypeKind.Interval) => SqlType.Interval,
            (SqlTypeKind.Interval, BinaryOperator.Multiply or BinaryOperator.Divide, _) when right.IsNumeric => SqlType.Interval,
            (_, BinaryOperator.Multiply, SqlTypeKind.Interval) when left.IsNumeric => SqlType.Interval,
            _ => OperatorError(binary, left, right),
        };
    }

    private static bool IsNeverArithmetic(SqlType type) => type.Kind is SqlTypeKind.Varchar or SqlTypeKind.Boolean;

    private SqlType OperatorError(BinaryExpr binary, SqlType left, SqlType right)
    {
        context.Error(binary.Location, $"operator {ExprPrinter.Symbol(binary.Operator)} cannot be applied to {left} and {right}");
        return SqlType.Unknown;
    }

    private void CheckComparable(SqlType left, SqlType right, Expr at)
    {
        if (!Comparable(left, right))
        {
            context.Error(at.Location, $"cannot compare {left} with {right}");
        }
    }

    /// <summary>Whether a column of type <paramref name="a"/> and one of type <paramref name="b"/> can share a UNION ALL column (numbers widen).</summary>
    public static bool Unionable(SqlType a, SqlType b) => !Known(a) || !Known(b) || a.Kind == b.Kind || (a.IsNumeric && b.IsNumeric);

    private static bool Comparable(SqlType a, SqlType b)
    {
        if (!Known(a) || !Known(b) || a.Kind == b.Kind || (a.IsNumeric && b.IsNumeric))
        {
            return true;
        }
        // Timestamps compare with ISO-8601 strings and with epoch milliseconds.
        return (a.Kind, b.Kind) switch
        {
            (SqlTypeKind.Timestamp, SqlTypeKind.Varchar or SqlTypeKind.BigInt) => true,
            (SqlTypeKind.Varchar or SqlTypeKind.BigInt, SqlTypeKind.Timestamp) => true,
            (SqlTypeKind.BigInt, SqlTypeKind.Interval) or (SqlTypeKind.Interval, SqlTypeKind.BigInt) => true,
            _ => false,
        };
    }

    private SqlType InferInList(InListExpr inList)
    {
        var operand = Infer(inList.Operand);
        foreach (var item in inList.Items)
        {
            CheckComparable(operand, Infer(item), item);
        }
        return SqlType.Boolean;
    }

    private SqlType InferBetween(BetweenExpr between)
    {
        var operand = Infer(between.Operand);
        CheckComparable(operand, Infer(between.Low), between.Low);
        CheckComparable(operand, Infer(between.High), between.High);
        return SqlType.Boolean;
    }

    private SqlType InferLike(LikeExpr like)
    {
        RequireText(Infer(like.Operand), like.Operand, "LIKE");
        RequireText(Infer(like.Pattern), like.Pattern, "LIKE");
        return SqlType.Boolean;
    }

    private void RequireText(SqlType type, Expr expr, string what)
    {
        if (Known(type) && type.Kind != SqlTypeKind.Varchar)
        {
            context.Error(expr.Location, $"{what} requires a VARCHAR argument, found {type}");
        }
    }

    private SqlType InferCase(CaseExpr caseExpr)
    {
        var operand = caseExpr.Operand is null ? null : Infer(caseExpr.Operand);
        var results = new List<(SqlType Type, Expr Expr)>();
        foreach (var when in caseExpr.Whens)
        {
            var condition = Infer(when.Condition);
            if (operand is null)
            {
                RequireBoolean(condition, when.Condition, "WHEN condition");
            }
            else
            {
                CheckComparable(operand, condition, when.Condition);
            }
            results.Add((Infer(when.Result), when.Result));
        }
        if (caseExpr.Else is not null)
        {
            results.Add((Infer(caseExpr.Else), caseExpr.Else));
        }
        var known = results.Where(r => Known(r.Type)).ToList();
        foreach (var (type, expr) in known.Skip(1))
        {
            var first = known[0].Type;
            if (!(first.Kind == type.Kind || (first.IsNumeric && type.IsNumeric)))
            {
                context.Error(expr.Location, $"CASE results have incompatible types {first} and {type}");
                return SqlType.Unknown;
            }
        }
        return TypeRules.Common(results.Select(r => r.Type));
    }

    private SqlType InferCast(CastExpr cast)
    {
        var source = Infer(cast.Operand);
        var target = cast.TargetType;
        if (cast.Operand is StringLiteral literal && !CanCastText(literal.Value, target.Kind))
        {
            context.Error(cast.Location, $"cannot cast '{literal.Value}' to {target}");
        }
        else if (Known(source) && !CanCast(source.Kind, target.Kind))
        {
            context.Error(cast.Location, $"cannot cast {source} to {target}");
        }
        return target;
    }

    private static bool CanCast(SqlTypeKind from, SqlTypeKind to) =>
        from == to
        || to == SqlTypeKind.Varchar
        || from == SqlTypeKind.Varchar
        || (IsNumericKind(from) && IsNumericKind(to))
        || (from == SqlTypeKind.Boolean && to == SqlTypeKind.BigInt)
        || (from == SqlTypeKind.BigInt && to is SqlTypeKind.Boolean or SqlTypeKind.Timestamp)
        || (from == SqlTypeKind.Timestamp && to == SqlTypeKind.BigInt);

    private static bool IsNumericKind(SqlTypeKind kind) => kind is SqlTypeKind.BigInt or SqlTypeKind.Double or SqlTypeKind.Decimal;

    private static bool CanCastText(string text, SqlTypeKind to) => to switch
    {
        SqlTypeKind.BigInt => long.TryParse(text.Trim(), NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out _),
        SqlTypeKind.Decimal => decimal.TryParse(text.Trim(), NumberStyles.Number, CultureInfo.InvariantCulture, out _),
        SqlTypeKind.Double => double.TryParse(text.Trim(), NumberStyles.Float, CultureInfo.InvariantCulture, out _),
        SqlTypeKind.Boolean => text.Trim().ToLowerInvariant() is "true" or "false",
        SqlTypeKind.Timestamp => DateTimeOffset.TryParse(text.Trim(), CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out _),
        SqlTypeKind.Interval => Syntax.DurationText.TryParse(text, out _),
        _ => true,
    };

    private SqlType InferCall(FunctionCall call)
    {
        var args = call.Arguments.Select(Infer).ToList();
        if (FunctionCatalog.Find(call.Name) is not { } signature
            || call.Arguments.Count < signature.MinArguments
            || call.Arguments.Count > signature.MaxArguments)
        {
            return SqlType.Unknown;
        }
        var ok = true;
        for (var i = 0; i < args.Count; i++)
        {
            var constraint = signature.ConstraintFor(i);
            if (!Known(args[i]))
            {
                continue;
            }
            if (constraint == ArgumentConstraint.Numeric && !args[i].IsNumeric)
            {
                context.Error(call.Arguments[i].Location, $"{call.Name} requires a numeric argument, found {args[i]}");
                ok = false;
            }
            else if (constraint == ArgumentConstraint.Text && args[i].Kind != SqlTypeKind.Varchar)
            {
                context.Error(call.Arguments[i].Location, $"{call.Name} requires a VARCHAR argument, found {args[i]}");
                ok = false;
            }
        }
        return ok ? signature.ResultType(args) : SqlType.Unknown;
    }
}
