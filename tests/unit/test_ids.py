from kefir.services.batches import new_id


def test_ids_are_url_safe_long_and_never_start_with_a_formula_trigger():
    ids = {new_id() for _ in range(2000)}
    assert len(ids) == 2000
    assert all(len(i) == 23 and i[0].isalnum() for i in ids)
    assert all(set(i) <= set("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_")
               for i in ids)
