"""Work-order form logic, without widgets: phone numbers, deadlines, department routing,
the matter picker's search, and validation of a draft. `ui/` binds these to the form.
"""
