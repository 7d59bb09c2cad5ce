import pytest

from hotelcrm import i18n
from hotelcrm.domain.errors import NotFound, ValidationError
from hotelcrm.reports import (
    Orientation,
    ReportParam,
    ReportSpec,
    all_reports,
    get_report,
    register,
    report_registry,
)


@pytest.fixture(autouse=True)
def _empty_registry(monkeypatch):
    monkeypatch.setattr(report_registry, "_REGISTRY", {})
    monkeypatch.setattr(report_registry, "_builtin_loaded", True)


def _spec(name="arrivals-brief", **kw):
    return ReportSpec(name=name, title_key="reports.table.no_rows", load=lambda services, actor, params: None,
                      build=lambda data, ctx: [], **kw)


def test_register_and_look_up():
    spec = register(_spec(required=frozenset({ReportParam.DATE}), orientation=Orientation.LANDSCAPE))
    assert get_report("arrivals-brief") is spec
    assert [s.name for s in all_reports()] == ["arrivals-brief"]
    assert spec.title("zh_CN") == "无记录"


def test_an_unknown_report_is_not_found_and_a_name_cannot_be_taken_twice():
    with pytest.raises(NotFound) as caught:
        get_report("no-such-report")
    assert i18n.error_text(caught.value, "en") == "The report was not found (it may have been removed or merged)."
    assert "报表" in i18n.error_text(caught.value, "zh_CN")
    register(_spec())
    with pytest.raises(ValueError):
        register(_spec())


def test_missing_parameters_are_named_in_both_languages():
    spec = _spec("complaint-stats", required=frozenset({ReportParam.PERIOD_FROM, ReportParam.PERIOD_TO}))
    spec.check_params({ReportParam.PERIOD_FROM: "2026-04-01", ReportParam.PERIOD_TO: "2026-04-30"})
    with pytest.raises(ValidationError) as caught:
        spec.check_params({ReportParam.PERIOD_FROM: "2026-04-01"})
    assert i18n.error_text(caught.value, "en") == "Period end: required."
    assert i18n.error_text(caught.value, "zh_CN") == "截止日期：必填。"


@pytest.mark.parametrize("param", list(ReportParam))
def test_every_parameter_has_a_field_label(param):
    for lang in i18n.LANGUAGES:
        assert f"field.report_{param.value}" in i18n.catalogue(lang)


def test_builtin_report_modules_are_imported_on_first_look_up(monkeypatch):
    imported = []
    monkeypatch.setattr(report_registry, "_builtin_loaded", False)
    monkeypatch.setattr(report_registry, "BUILTIN_REPORTS", ("some.report_module",))
    monkeypatch.setattr(report_registry, "import_module", lambda name: imported.append(name) or register(_spec()))
    assert [s.name for s in all_reports()] == ["arrivals-brief"]
    assert get_report("arrivals-brief").name == "arrivals-brief"
    assert imported == ["some.report_module"]
