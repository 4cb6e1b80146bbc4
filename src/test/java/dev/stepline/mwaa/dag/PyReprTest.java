package dev.stepline.mwaa.dag;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class PyReprTest {
    @Test
    void rendersLikePython() {
        assertThat(PyRepr.repr(DagYaml.read("{a: [1, 2.5, true, null, \"it's\"], b: {c: \"x\\ny\"}}")))
                .isEqualTo("{'a': [1, 2.5, True, None, \"it's\"], 'b': {'c': 'x\\ny'}}");
        assertThat(PyRepr.str(DagYaml.read("v: text").get("v"))).isEqualTo("text");
        assertThat(PyRepr.pythonFloat(1e20)).isEqualTo("1e+20");
        assertThat(PyRepr.pythonFloat(3.0)).isEqualTo("3.0");
        assertThat(PyRepr.pythonFloat(1.5e-7)).isEqualTo("1.5e-07");
        // Python switches to exponent notation below 1e-4 and from 1e16, Java's Double.toString elsewhere
        assertThat(PyRepr.pythonFloat(0.0001)).isEqualTo("0.0001");
        assertThat(PyRepr.pythonFloat(12345678.9)).isEqualTo("12345678.9");
        assertThat(PyRepr.pythonFloat(1e15)).isEqualTo("1000000000000000.0");
        assertThat(PyRepr.pythonFloat(1.5e16)).isEqualTo("1.5e+16");
        assertThat(PyRepr.pythonFloat(-0.5)).isEqualTo("-0.5");
    }
}
