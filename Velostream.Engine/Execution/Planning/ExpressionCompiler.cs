using Velostream.Engine.Execution.Expressions;
using Velostream.Engine.Execution.Functions;
using Velostream.Engine.Execution.Values;
using Velostream.Engine.Sql.Ast;
using Velostream.Engine.Sql.Types;
using Velostream.Engine.Sql.Validation;

namespace Velostream.Engine.Execution.Planning;

/// <summary>
/// Compiles an AST expression into an <see cref="Evaluator"/> tree. Column references (and, for
/// the output stage of an aggregation, grouped expressions and aggregate calls) are resolved by a
/// caller-supplied hook, so one compiler serves every stage. Constant sub-trees are folded.
/// </summary>
internal sealed class ExpressionCompiler(Func<Expr, Evaluator?> resolve)
{
    public Evaluator Compile(Expr expr)
    {
        var resolved = resolve(expr);
        if (resolved is not null)
        {
            return resolved;
        }
        var evaluator = CompileNode(expr);
        // Fold constants once (-5, 'a' || 'b', INTERVAL arithmetic, UPPER('x')).
        return evaluator is not ConstantEvaluator && IsConstant(expr) ? Fold(evaluator) : evaluator;
    }

    private Evaluator CompileNode(Expr expr)
    {
        switch (expr)
        {
            case IntegerLiteral i:
                return new ConstantEvaluator(SqlValue.FromLong(i.Value));
            case DecimalLiteral d:
                return new ConstantEvaluator(SqlValue.FromDecimal(d.Value));
            case DoubleLiteral d:
                return new ConstantEvaluator(SqlValue.FromDouble(d.Value));
            case StringLiteral s:
                return new ConstantEvaluator(SqlValue.FromString(s.Value));
            case BooleanLiteral b:
                return new ConstantEvaluator(SqlValue.FromBool(b.Value));
            case NullLiteral:
                return new ConstantEvaluator(SqlValue.Null);
            case IntervalLiteral interval:
                return new ConstantEvaluator(SqlValue.FromInterval((long)interval.Value.TotalMilliseconds));
            case ColumnRef column:
                return SystemColumnFor(column.Name) is { } system
                    ? new SystemColumnEvaluator(system)
                    : throw new InvalidOperationException($"column '{column}' was not resolved");
            case UnaryExpr unary:
                var operand = Compile(unary.Operand);
                return unary.Operator switch
                {
                    UnaryOperator.Negate => new NegateEvaluator(operand),
                    UnaryOperator.Not => new NotEvaluator(operand),
                    _ => operand,
                };
            case BinaryExpr binary:
                return CompileBinary(binary);
            case IsNullExpr isNull:
                return new IsNullEvaluator(Compile(isNull.Operand), isNull.Negated);
            case InListExpr inList:
                return new InListEvaluator(Compile(inList.Operand), [.. inList.Items.Select(Compile)], inList.Negated);
            case BetweenExpr between:
                return new BetweenEvaluator(Compile(between.Operand), Compile(between.Low), Compile(between.High), between.Negated);
            case LikeExpr like:
                return new LikeEvaluator(Compile(like.Operand), Compile(like.Pattern), like.Negated);
            case CaseExpr caseExpr:
                return new CaseEvaluator(
                    caseExpr.Operand is null ? null : Compile(caseExpr.Operand),
                    [.. caseExpr.Whens.Select(w => Compile(w.Condition))],
                    [.. caseExpr.Whens.Select(w => Compile(w.Result))],
                    caseExpr.Else is null ? null : Compile(caseExpr.Else));
            case CastExpr cast:
                return new CastEvaluator(Compile(cast.Operand), KindOf(cast.TargetType), cast.TargetType.Precision, cast.TargetType.Scale);
            case FunctionCall call:
                return CompileCall(call);
            default:
                throw new InvalidOperationException($"no compiler for {expr.GetType().Name}");
        }
    }

    private Evaluator CompileBinary(BinaryExpr binary)
    {
        var left = Compile(binary.Left);
        var right = Compile(binary.Right);
        return binary.Operator switch
        {
            BinaryOperator.Add => new ArithmeticEvaluator(ArithmeticOperator.Add, left, right),
            BinaryOperator.Subtract => new ArithmeticEvaluator(ArithmeticOperator.Subtract, left, right),
            BinaryOperator.Multiply => new ArithmeticEvaluator(ArithmeticOperator.Multiply, left, right),
            BinaryOperator.Divide => new ArithmeticEvaluator(ArithmeticOperator.Divide, left, right),
            BinaryOperator.Modulo => new ArithmeticEvaluator(ArithmeticOperator.Modulo, left, right),
            BinaryOperator.Concat => new ConcatEvaluator(left, right),
            BinaryOperator.And => new AndEvaluator(left, right),
            BinaryOperator.Or => new OrEvaluator(left, right),
            BinaryOperator.Equal => Comparison(ComparisonOperator.Equal, left, right),
            BinaryOperator.NotEqual => Comparison(ComparisonOperator.NotEqual, left, right),
            BinaryOperator.Less => Comparison(ComparisonOperator.Less, left, right),
            BinaryOperator.LessOrEqual => Comparison(ComparisonOperator.LessOrEqual, left, right),
            BinaryOperator.Greater => Comparison(ComparisonOperator.Greater, left, right),
            _ => Comparison(ComparisonOperator.GreaterOrEqual, left, right),
        };
    }

    private static Evaluator Comparison(ComparisonOperator op, Evaluator left, Evaluator right) =>
        left is SlotEvaluator slot && right is ConstantEvaluator constant
            ? new SlotConstantComparisonEvaluator(op, slot.Slot, constant.Value)
            : new ComparisonEvaluator(op, left, right);

    private Evaluator CompileCall(FunctionCall call)
    {
        var name = call.Name.ToUpperInvariant();
        if (name == "COALESCE")
        {
            return new CoalesceEvaluator([.. call.Arguments.Select(Compile)]);
        }
        var function = ScalarFunctions.Find(name)
            ?? throw new InvalidOperationException($"function {call.Name} has no scalar implementation here");
        return new FunctionCallEvaluator(function, [.. call.Arguments.Select(Compile)]);
    }

    public static ValueKind KindOf(SqlType type) => type.Kind switch
    {
        SqlTypeKind.BigInt => ValueKind.BigInt,
        SqlTypeKind.Double => ValueKind.Double,
        SqlTypeKind.Decimal => ValueKind.Decimal,
        SqlTypeKind.Varchar => ValueKind.Varchar,
        SqlTypeKind.Boolean => ValueKind.Boolean,
        SqlTypeKind.Timestamp => ValueKind.Timestamp,
        SqlTypeKind.Interval => ValueKind.Interval,
        _ => ValueKind.Varchar,
    };

    public static SystemColumn? SystemColumnFor(string name) => name.ToLowerInvariant() switch
    {
        SystemColumns.EventTime => SystemColumn.EventTime,
        SystemColumns.Timestamp => SystemColumn.Timestamp,
        SystemColumns.Offset => SystemColumn.Offset,
        SystemColumns.Partition => SystemColumn.Partition,
        SystemColumns.Topic => SystemColumn.Topic,
        SystemColumns.Key => SystemColumn.Key,
        SystemColumns.WindowStart => SystemColumn.WindowStart,
        SystemColumns.WindowEnd => SystemColumn.WindowEnd,
        _ => null,
    };

    // Literals and operators over them only: no columns, no aggregates, no NOW or window functions.
    private static bool IsConstant(Expr expr) => ExprWalker.DescendantsAndSelf(expr).All(e => e switch
    {
        ColumnRef => false,
        FunctionCall call => ScalarFunctions.Find(call.Name) is { IsDeterministic: true } || call.Name.Equals("COALESCE", StringComparison.OrdinalIgnoreCase),
        _ => true,
    });

    private static Evaluator Fold(Evaluator evaluator)
    {
        if (evaluator is ConstantEvaluator) return evaluator;
        var value = evaluator.Eval(new EvalContext(0));
        // An error in a constant (1/0) stays lazy: it must fail the records that evaluate it.
        return value.IsError ? evaluator : new ConstantEvaluator(value.Kind == ValueKind.Varchar ? value.Detach() : value);
    }
}
