from kefir import errors
from kefir.api.errors import STATUS_BY_CODE


def test_every_app_error_code_has_a_status():
    codes = {cls.code for cls in vars(errors).values()
             if isinstance(cls, type) and issubclass(cls, errors.AppError)}
    assert codes <= set(STATUS_BY_CODE)
