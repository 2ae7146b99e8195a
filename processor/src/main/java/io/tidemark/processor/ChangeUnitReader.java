package io.tidemark.processor;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;
import javax.lang.model.element.AnnotationMirror;
import javax.lang.model.element.AnnotationValue;
import javax.lang.model.element.Element;
import javax.lang.model.element.ElementKind;
import javax.lang.model.element.ExecutableElement;
import javax.lang.model.element.Modifier;
import javax.lang.model.element.NestingKind;
import javax.lang.model.element.TypeElement;
import javax.lang.model.element.VariableElement;
import javax.lang.model.type.ArrayType;
import javax.lang.model.type.DeclaredType;
import javax.lang.model.type.TypeKind;
import javax.lang.model.type.TypeMirror;
import javax.lang.model.util.ElementFilter;
import javax.lang.model.util.Elements;
import javax.lang.model.util.Types;

/**
 * Reads a {@code @ChangeUnit} class from its source into an {@link IndexedChangeUnit}, or says what
 * keeps the core from running it. The checks are the structural ones the core's {@code build()}
 * makes by reflection (a concrete, instantiable class; exactly one {@code @Execution}; at most one
 * {@code @RollbackExecution}; a non-blank id), with the same advice, so that such a mistake fails the
 * compilation instead of the application's start. What depends on the running application (which
 * dependencies it registers, what its store offers) is left to the core.
 */
final class ChangeUnitReader {

    static final String CHANGE_UNIT = "io.tidemark.api.ChangeUnit";
    static final String EXECUTION = "io.tidemark.api.Execution";
    static final String ROLLBACK = "io.tidemark.api.RollbackExecution";

    private final Elements elements;
    private final Types types;

    ChangeUnitReader(Elements elements, Types types) {
        this.elements = elements;
        this.types = types;
    }

    /** What reading one annotated element gave: a change unit, or the problems found. */
    sealed interface Reading {
        record Read(IndexedChangeUnit unit) implements Reading {}

        record Rejected(List<String> problems) implements Reading {}
    }

    Reading read(TypeElement type) {
        String name = elements.getBinaryName(type).toString();
        List<String> problems = new ArrayList<>();
        AnnotationMirror annotation = annotation(type, CHANGE_UNIT).orElseThrow();
        Map<String, Object> values = values(annotation);
        String id = (String) values.get("id");
        String order = (String) values.get("order");
        if (id == null || id.isBlank()) {
            problems.add(name + ": @ChangeUnit id is blank; give it a unique, stable id");
        }
        if (order == null || order.isBlank()) {
            problems.add(name + ": @ChangeUnit order is blank");
        }
        Set<Modifier> modifiers = type.getModifiers();
        boolean instantiable = true;
        if (type.getKind() != ElementKind.CLASS && type.getKind() != ElementKind.RECORD
                || modifiers.contains(Modifier.ABSTRACT)) {
            problems.add(name
                    + " cannot be instantiated: it is an interface, abstract class or enum; make it a concrete class");
            instantiable = false;
        } else if (type.getNestingKind() == NestingKind.LOCAL
                || type.getNestingKind() == NestingKind.ANONYMOUS
                || type.getNestingKind() == NestingKind.MEMBER && !modifiers.contains(Modifier.STATIC)) {
            problems.add(name
                    + " cannot be instantiated: it is an inner, local or anonymous class; make it top-level or static");
            instantiable = false;
        }
        Optional<IndexedChangeUnit.Member> constructor =
                instantiable ? constructor(type, name, problems) : Optional.empty();
        List<ExecutableElement> executions = annotatedMethods(type, EXECUTION);
        List<ExecutableElement> rollbacks = annotatedMethods(type, ROLLBACK);
        if (executions.isEmpty()) {
            problems.add(name + " has no @Execution method: annotate the one method that applies the change");
        } else if (executions.size() > 1) {
            problems.add(name + " has " + executions.size() + " @Execution methods (" + names(executions)
                    + "): keep exactly one");
        }
        if (rollbacks.size() > 1) {
            problems.add(name + " has " + rollbacks.size() + " @RollbackExecution methods (" + names(rollbacks)
                    + "): keep at most one");
        }
        if (!problems.isEmpty()) {
            return new Reading.Rejected(problems);
        }
        String packageName = elements.getPackageOf(type).getQualifiedName().toString();
        return new Reading.Read(new IndexedChangeUnit(
                name,
                packageName,
                id,
                order,
                (String) values.getOrDefault("author", ""),
                (String) values.getOrDefault("description", ""),
                (String) values.getOrDefault("recovery", "MANUAL_INTERVENTION"),
                constructor.orElseThrow(),
                member(executions.get(0)),
                rollbacks.stream().findFirst().map(this::member)));
    }

    /** The constructor the core chooses: the one without parameters, else the only one. */
    private Optional<IndexedChangeUnit.Member> constructor(TypeElement type, String name, List<String> problems) {
        List<ExecutableElement> constructors = ElementFilter.constructorsIn(type.getEnclosedElements());
        Optional<ExecutableElement> chosen = constructors.stream()
                .filter(c -> c.getParameters().isEmpty())
                .findFirst()
                .or(() -> constructors.size() == 1 ? Optional.of(constructors.get(0)) : Optional.empty());
        if (chosen.isEmpty()) {
            problems.add(name + " cannot be instantiated: it has " + constructors.size() + " constructors and none "
                    + "without parameters; keep one constructor, or add one without parameters");
        }
        return chosen.map(this::member);
    }

    /**
     * The methods of {@code type} and its superclasses annotated with {@code annotation}, one per
     * signature (an override hides what it overrides), as the core finds them by reflection.
     */
    private List<ExecutableElement> annotatedMethods(TypeElement type, String annotation) {
        Map<String, ExecutableElement> bySignature = new LinkedHashMap<>();
        for (TypeElement c = type;
                c != null && !c.getQualifiedName().contentEquals("java.lang.Object");
                c = superclass(c)) {
            for (ExecutableElement method : ElementFilter.methodsIn(c.getEnclosedElements())) {
                if (annotation(method, annotation).isPresent()) {
                    bySignature.putIfAbsent(
                            method.getSimpleName() + parameterTypes(method).toString(), method);
                }
            }
        }
        return new ArrayList<>(bySignature.values());
    }

    private TypeElement superclass(TypeElement type) {
        TypeMirror superclass = type.getSuperclass();
        return superclass.getKind() == TypeKind.DECLARED ? (TypeElement) ((DeclaredType) superclass).asElement() : null;
    }

    private IndexedChangeUnit.Member member(ExecutableElement executable) {
        return new IndexedChangeUnit.Member(
                elements.getBinaryName((TypeElement) executable.getEnclosingElement())
                        .toString(),
                executable.getSimpleName().toString(),
                parameterTypes(executable));
    }

    private List<String> parameterTypes(ExecutableElement executable) {
        return executable.getParameters().stream()
                .map(p -> binaryName(types.erasure(p.asType())))
                .toList();
    }

    /** The name reflection gives the erased type ({@code Class.getName()} style, arrays as {@code T[]}). */
    private String binaryName(TypeMirror type) {
        if (type.getKind() == TypeKind.ARRAY) {
            return binaryName(((ArrayType) type).getComponentType()) + "[]";
        }
        if (type.getKind() == TypeKind.DECLARED) {
            return elements.getBinaryName((TypeElement) ((DeclaredType) type).asElement())
                    .toString();
        }
        return type.toString();
    }

    private static String names(List<ExecutableElement> methods) {
        return methods.stream().map(m -> m.getSimpleName().toString()).sorted().collect(Collectors.joining(", "));
    }

    /** The annotation of {@code element} whose type is {@code qualifiedName}. */
    static Optional<AnnotationMirror> annotation(Element element, String qualifiedName) {
        for (AnnotationMirror mirror : element.getAnnotationMirrors()) {
            Element annotationType = mirror.getAnnotationType().asElement();
            if (annotationType instanceof TypeElement typeElement
                    && typeElement.getQualifiedName().contentEquals(qualifiedName)) {
                return Optional.of(mirror);
            }
        }
        return Optional.empty();
    }

    /** The annotation's values, defaults included: strings as strings, enum constants by name. */
    private Map<String, Object> values(AnnotationMirror annotation) {
        Map<String, Object> values = new LinkedHashMap<>();
        for (Map.Entry<? extends ExecutableElement, ? extends AnnotationValue> entry :
                elements.getElementValuesWithDefaults(annotation).entrySet()) {
            Object value = entry.getValue().getValue();
            values.put(
                    entry.getKey().getSimpleName().toString(),
                    value instanceof VariableElement constant
                            ? constant.getSimpleName().toString()
                            : value);
        }
        return values;
    }
}
